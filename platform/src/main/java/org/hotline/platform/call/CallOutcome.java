package org.hotline.platform.call;

public enum CallOutcome { ANSWERED, ABANDONED, IVR_ONLY, FAILED }
