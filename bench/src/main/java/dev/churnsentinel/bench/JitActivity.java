package dev.churnsentinel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU the services' JIT compilers have used so far, read from /proc (Linux; the bench runs beside the local
 * stack). A freshly started service compiles its hot code for minutes under load, on the same two cores as everything
 * else: a measurement taken meanwhile says more about the compilers than about the service.
 */
final class JitActivity {
    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private JitActivity() {
    }

    /** CPU seconds the compiler threads of every running service JVM have used; 0 where /proc cannot be read. */
    static double compilerSeconds() {
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (isService(process)) {
                    ticks += compilerTicks(process);
                }
            }
        } catch (IOException | SecurityException e) {
            return 0;
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static boolean isService(Path process) {
        try {
            String command = new String(Files.readAllBytes(process.resolve("cmdline")));
            return command.contains("quarkus-run.jar") && command.contains("-service");
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
    }

    private static long compilerTicks(Path process) {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        String stat = Files.readString(thread.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | SecurityException e) {
            return 0;
        }
        return ticks;
    }
}
