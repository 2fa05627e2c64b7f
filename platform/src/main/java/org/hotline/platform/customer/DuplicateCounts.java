package org.hotline.platform.customer;

/**
 * Duplicate customer records in a period, for the duplicate-record KPI (W6.3): {@code created} confirmed
 * duplicates entered by agents, {@code merged} duplicates an administrator merged.
 */
public record DuplicateCounts(long created, long merged) {
}
