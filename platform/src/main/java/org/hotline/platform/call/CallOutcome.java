package org.hotline.platform.call;

public enum CallOutcome { ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED }
