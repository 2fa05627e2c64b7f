package org.hotline.platform.telephony;

/** How a supervisor joins an agent's call: listen only, whisper to the agent, or barge in (talk to both). */
public enum SpyMode { LISTEN, WHISPER, BARGE }
