package org.hotline.ticketing.ticket;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human-facing ticket numbers: {@code T} + creation day ({@code yyyyMMdd}) + {@code -} + the id padded to 6 digits. */
public final class TicketNumbers {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private TicketNumbers() {
    }

    /** E.g. {@code T20261123-000042}; ids above 999999 simply get more digits (numbers stay unique). */
    public static String format(LocalDate day, long id) {
        return "T" + DAY.format(day) + "-" + String.format(Locale.ROOT, "%06d", id);
    }
}
