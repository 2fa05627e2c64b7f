package org.hotline.platform.call;

/** Who started a call: a caller dialling the hotline (INBOUND) or an agent dialling out (OUTBOUND). */
public enum CallDirection { INBOUND, OUTBOUND }
