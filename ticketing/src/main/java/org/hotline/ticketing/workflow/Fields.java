package org.hotline.ticketing.workflow;

/** The names of the action fields, as the request body and the allowed actions carry them. */
public final class Fields {
    public static final String ASSIGNEE = "assignee";
    public static final String DEPARTMENTS = "departments";
    public static final String DEPARTMENT = "department";
    public static final String RESOLUTION = "resolution";
    public static final String INFORMED_VIA = "customerInformedVia";
    public static final String INFORMED_AT = "customerInformedAt";
    public static final String GUIDANCE = "guidance";
    public static final String REASON = "reason";
    public static final String TEXT = "text";
    public static final String VISIBLE = "visibleToCustomer";
    public static final String CLOCK = "clock";
    public static final String CALL_ID = "callId";
    public static final String COMPLAINT_CLASS = "complaintClass";
    public static final String SEVERITY = "severity";
    public static final String COMMENT = "comment";

    private Fields() {
    }
}
