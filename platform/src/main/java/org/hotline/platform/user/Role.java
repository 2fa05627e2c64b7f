package org.hotline.platform.user;

public enum Role { AGENT, SUPERVISOR, ADMIN }
