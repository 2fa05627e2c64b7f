package org.hotline.interactions.calls;

/** How a call is transferred: at once (blind), or after the agent has talked to the target (attended). */
public enum TransferMode { BLIND, ATTENDED }
