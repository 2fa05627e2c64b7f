package org.hotline.platform.ticket;

public enum TicketPriority { LOW, NORMAL, HIGH, URGENT }
