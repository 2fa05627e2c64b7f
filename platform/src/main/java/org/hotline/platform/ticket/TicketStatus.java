package org.hotline.platform.ticket;

public enum TicketStatus { OPEN, IN_PROGRESS, RESOLVED, CLOSED }
