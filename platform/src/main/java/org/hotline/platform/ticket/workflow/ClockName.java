package org.hotline.platform.ticket.workflow;

/**
 * The named SLA clocks a ticket may carry. HAND_OFF runs on the wall clock (the hotline is 7×24); the others on the
 * business calendar of the ticket's department unless their policy says otherwise.
 */
public enum ClockName {
    /** A handed-off consultation must reach an engineer within 15 minutes (W1.7). */
    HAND_OFF,
    /** From creation (or assignment) to the first qualifying response. */
    FIRST_RESPONSE,
    /** From creation to RESOLVED. */
    RESOLUTION,
    /** Restarted by every qualifying activity; due when a ticket has had none for N business hours. */
    STAGNATION,
    /** Escalation level 1 (centre head) must act before this. */
    ESCALATION_1,
    /** Escalation level 2 (vice-president) must act before this. */
    ESCALATION_2
}
