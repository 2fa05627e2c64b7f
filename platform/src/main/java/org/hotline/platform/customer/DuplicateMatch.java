package org.hotline.platform.customer;

/** Why a new customer looks like an existing one; PHONE and SERIAL are certain, SIMILAR_NAME is a hint. */
public enum DuplicateMatch { PHONE, SERIAL, SIMILAR_NAME }
