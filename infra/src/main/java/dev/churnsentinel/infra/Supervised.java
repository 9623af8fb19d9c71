package dev.churnsentinel.infra;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A service of the local stack kept running the way Kubernetes keeps a container: when its process exits without
 * being asked to, it is started again after a back-off that doubles with each crash in a row (1 s up to 30 s, back to
 * 1 s once it has run for a minute). Like the deployments' liveness probe, its {@code /q/health/live} is asked every
 * 10 s, and a service that fails it 3 times in a row (a consumer channel that gave up, say) is killed, to be started
 * again the same way. What happens is told to {@code log}: the exit, the restart, the time to ready.
 */
final class Supervised {
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofMinutes(1);
    static final Duration LIVENESS_PERIOD = Duration.ofSeconds(10);
    static final int LIVENESS_FAILURES = 3;

    /** Starts the service's process (without waiting for it to be ready). */
    interface Launcher {
        ServiceProcess launch() throws IOException;
    }

    private final String name;
    private final Launcher launcher;
    private final Consumer<String> log;
    private ServiceProcess process;
    private boolean wanted;
    private Instant startedAt;
    /** When the next start after a crash is due; null when none is. */
    private Instant restartAt;
    private Duration backOff = FIRST_BACK_OFF;
    private int restarts;
    /** When it went down unasked, until it is ready again; null otherwise. */
    private Instant downSince;
    private Instant nextLivenessCheck = Instant.MIN;
    private int livenessFailures;

    Supervised(String name, Launcher launcher, Consumer<String> log) {
        this.name = name;
        this.launcher = launcher;
        this.log = log;
    }

    String name() {
        return name;
    }

    synchronized ServiceProcess process() {
        return process;
    }

    /** Starts its process, from now on kept running; does not wait for it to be ready. */
    synchronized ServiceProcess start() throws IOException {
        wanted = true;
        restartAt = null;
        return launch();
    }

    /** Starts it and waits until it reports ready; does nothing to a running one. */
    String start(Duration readyTimeout) throws IOException, InterruptedException {
        Instant began = Instant.now();
        ServiceProcess started;
        synchronized (this) {
            if (process != null && process.alive()) {
                return name + " is already running (pid " + process.pid() + ")";
            }
            started = start();
        }
        ServiceProcess.awaitReady(List.of(started), readyTimeout);
        return name + " started, ready after " + seconds(Duration.between(began, Instant.now()));
    }

    /** Stops it gracefully (SIGTERM, 30 s at most) and keeps it stopped until started. */
    String stop() {
        ServiceProcess stopping = release();
        if (stopping == null) {
            return name + " is not running";
        }
        stopping.close();
        return name + " stopped";
    }

    /** Kills it (SIGKILL) as a crash would; the supervisor starts it again, as it would after a crash. */
    String kill() throws InterruptedException {
        ServiceProcess victim;
        synchronized (this) {
            victim = process;
            if (victim == null || !victim.alive()) {
                return name + " is not running";
            }
        }
        victim.kill();
        return name + " killed (pid " + victim.pid() + ", SIGKILL); the supervisor starts it again";
    }

    /** Kills it (SIGKILL) and keeps it stopped: for a stack that is torn down and needs no graceful stop. */
    void halt() {
        ServiceProcess victim = release();
        if (victim != null) {
            try {
                victim.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Keeps it stopped from now on (no restart is due) and hands over its process, if it has one, to be ended. */
    private synchronized ServiceProcess release() {
        wanted = false;
        restartAt = null;
        downSince = null;
        ServiceProcess released = process;
        process = null;
        return released;
    }

    /**
     * One look by the supervisor: notices an exit nobody asked for, starts the service again once its back-off has
     * passed, and tells when it is ready again.
     */
    synchronized void check(Instant now) throws IOException, InterruptedException {
        if (!wanted) {
            return;
        }
        if (process != null && !process.alive()) {
            Duration ran = Duration.between(startedAt, now);
            if (ran.compareTo(STABLE) >= 0) {
                backOff = FIRST_BACK_OFF;
            }
            log.accept(String.format("%s exited with code %d after %s; starting it again in %s (restart %d)",
                    name, process.exitCode(), seconds(ran), seconds(backOff), restarts + 1));
            process = null;
            restartAt = now.plus(backOff);
            backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            if (downSince == null) {
                downSince = now;
            }
        }
        if (process == null && restartAt != null && !now.isBefore(restartAt)) {
            restartAt = null;
            restarts++;
            launch();
        }
        if (process != null && process.alive() && !now.isBefore(nextLivenessCheck)) {
            checkLiveness(now);
        }
        if (downSince != null && process != null && process.alive() && process.ready()) {
            log.accept(String.format("%s ready again, %s after it went down", name, seconds(Duration.between(downSince, now))));
            downSince = null;
        }
    }

    /** Kills the process once it has failed its liveness check {@value #LIVENESS_FAILURES} times in a row. */
    private void checkLiveness(Instant now) throws InterruptedException {
        nextLivenessCheck = now.plus(LIVENESS_PERIOD);
        String failure = process.livenessFailure();
        livenessFailures = failure == null ? 0 : livenessFailures + 1;
        if (failure == null) {
            return;
        }
        if (livenessFailures < LIVENESS_FAILURES) {
            log.accept(String.format("%s failed its liveness check (%d of %d): %s", name, livenessFailures,
                    LIVENESS_FAILURES, failure));
            return;
        }
        log.accept(String.format("%s failed its liveness check %d times in a row; killing it to start it again: %s",
                name, livenessFailures, failure));
        livenessFailures = 0;
        process.kill();
    }

    /** A line for {@code ./sentinel status}. */
    synchronized String status(Instant now) {
        String state;
        if (process != null && process.alive()) {
            state = "running (pid " + process.pid() + ", up " + seconds(Duration.between(startedAt, now)) + ")";
        } else if (restartAt != null) {
            state = "crashed, starting again in " + seconds(Duration.between(now, restartAt));
        } else {
            state = wanted ? "starting" : "stopped";
        }
        return name + ": " + state + ", " + restarts + " restart" + (restarts == 1 ? "" : "s");
    }

    private ServiceProcess launch() throws IOException {
        process = launcher.launch();
        startedAt = Instant.now();
        livenessFailures = 0;
        return process;
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
