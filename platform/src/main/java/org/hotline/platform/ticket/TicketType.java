package org.hotline.platform.ticket;

public enum TicketType { CONSULTATION, COMPLAINT, REPAIR }
