package org.hotline.platform.ticket.workflow;

/** Where one clock of a ticket stands. MET and BREACHED are final; a breach stays recorded even after closure. */
public enum ClockState { RUNNING, PAUSED, MET, BREACHED }
