package dev.churnsentinel.platform.problem;

import java.util.List;

/** Thrown by the services to answer with a problem+json of their choosing (404, 409, 422 ...). */
public class ProblemException extends RuntimeException {
    private final Problem problem;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(new Problem("about:blank", title, status, detail, List.of()));
    }

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail());
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for a Retry-After header, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 503: the caller should try again after {@code seconds}; nothing of the request was kept. */
    public static ProblemException unavailable(String detail, int seconds) {
        return new ProblemException(Problem.of(503, "Service Unavailable", detail), seconds);
    }

    /** 429: the caller sent more than its quota; it may try again after {@code seconds}. */
    public static ProblemException tooManyRequests(String detail, int seconds) {
        return new ProblemException(Problem.of(429, "Too Many Requests", detail), seconds);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " does not exist");
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(new Problem("about:blank", "Invalid request", 400,
                "the request has " + errors.size() + " invalid field(s)", List.copyOf(errors)));
    }
}
