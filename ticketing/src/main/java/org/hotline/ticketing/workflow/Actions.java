package org.hotline.ticketing.workflow;

/** The wire names of the workflow actions ({@code POST /api/tickets/{id}/actions/{action}}). */
public final class Actions {
    public static final String CREATE = "create";
    public static final String HAND_OFF = "hand-off";
    public static final String ASSIGN = "assign";
    public static final String START = "start";
    public static final String ESCALATE = "escalate";
    public static final String RESOLVE = "resolve";
    public static final String CLOSE = "close";
    public static final String CLOSE_WITH_GUIDANCE = "close-with-guidance";
    public static final String REOPEN = "reopen";
    public static final String CLASSIFY = "classify";
    public static final String COMMENT = "comment";
    public static final String ADD_DEPARTMENT = "add-department";
    public static final String REMOVE_DEPARTMENT = "remove-department";
    public static final String PAUSE_CLOCK = "pause-clock";
    public static final String RESUME_CLOCK = "resume-clock";
    public static final String LINK_CALL = "link-call";
    /** A customer's message threaded in by the intake (a mail answer): taken by the system, never offered to users. */
    public static final String CUSTOMER_MESSAGE = "customer-message";

    private Actions() {
    }
}
