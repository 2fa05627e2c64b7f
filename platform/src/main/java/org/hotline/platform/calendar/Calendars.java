package org.hotline.platform.calendar;

import java.util.List;

/**
 * The business calendars that SLA deadlines are counted on, as admins read and edit them
 * ({@code GET /api/admin/calendars}, {@code PUT /api/admin/calendars/{code}}). A saved calendar is used by clocks
 * started or resumed afterwards; running deadlines are not moved.
 */
public interface Calendars {
    /** Every calendar, by code. */
    List<CalendarDefinition> all();

    /** Creates or replaces the calendar {@code definition.code()}; audited as {@code calendar.save}. */
    SaveOutcome save(String actor, String address, CalendarDefinition definition);

    /** The answer to {@link #save}: a result, not an exception. */
    sealed interface SaveOutcome {
        record Saved(CalendarDefinition calendar) implements SaveOutcome {
        }

        /** Nothing was written; {@code field} names what is wrong (HTTP 400). */
        record Invalid(String field, String message) implements SaveOutcome {
        }
    }
}
