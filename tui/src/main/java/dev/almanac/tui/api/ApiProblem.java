package dev.almanac.tui.api;

/** A refused request: its status and the RFC 9457 problem's message, shown to the user as the API worded it. */
public final class ApiProblem extends RuntimeException {

    private final int status;

    public ApiProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 412: someone changed the entry since it was read; a reload shows the current version. */
    public boolean isStale() {
        return status == 412;
    }
}
