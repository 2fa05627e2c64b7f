package org.hotline.platform.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** It was done. */
    SUCCESS,
    /** It was tried and did not work (wrong password, a switch that refused). */
    FAILURE,
    /** The platform refused it (throttled, locked out, not allowed). */
    DENIED
}
