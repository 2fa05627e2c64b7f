package org.hotline.platform.ticket;

/** A MAJOR (重大) complaint is reported to the centre head at once and has shorter clocks. */
public enum Severity { NORMAL, MAJOR }
