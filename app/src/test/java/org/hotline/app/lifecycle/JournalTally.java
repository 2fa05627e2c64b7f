package org.hotline.app.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link CallJournal} and the call records of the calls it names, and sorts each call: complete (the record
 * has its end and outcome), open (row without an end) or missing.
 *
 * @param arrived       ids journalled as taken, in order (first time only)
 * @param ended         ids journalled as ended by the node
 * @param arrivedTwice  ids taken more than once (the same id given to two calls)
 * @param records       what the database holds for each id in {@code arrived} (absent = no row)
 */
public record JournalTally(List<String> arrived, Set<String> ended, Set<String> arrivedTwice,
                           Map<String, Row> records) {

    /** One call record as far as completeness goes. */
    public record Row(String callId, boolean ended, String outcome, String hangupCause) {
        public boolean complete() {
            return ended && outcome != null;
        }
    }

    /** The journal alone (no records yet). */
    public static JournalTally read(Path journal) throws IOException {
        Set<String> arrived = new LinkedHashSet<>();
        Set<String> ended = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        if (Files.exists(journal)) {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                if (line.startsWith("A ")) {
                    if (!arrived.add(line.substring(2))) {
                        twice.add(line.substring(2));
                    }
                } else if (line.startsWith("E ")) {
                    ended.add(line.substring(2));
                }
            }
        }
        return new JournalTally(List.copyOf(arrived), Collections.unmodifiableSet(ended),
                Collections.unmodifiableSet(twice), Map.of());
    }

    /** This journal with the records of its calls read from {@code db} ({@code call_records}). */
    public JournalTally withRecords(Connection db) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        int batch = 500;
        for (int i = 0; i < arrived.size(); i += batch) {
            List<String> ids = arrived.subList(i, Math.min(arrived.size(), i + batch));
            String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement ps = db.prepareStatement("SELECT call_id, ended_at IS NOT NULL, outcome, "
                    + "hangup_cause FROM call_records WHERE call_id IN (" + marks + ")")) {
                for (int j = 0; j < ids.size(); j++) {
                    ps.setString(j + 1, ids.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), new Row(rs.getString(1), rs.getBoolean(2), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
        }
        return new JournalTally(arrived, ended, arrivedTwice, Map.copyOf(rows));
    }

    public List<String> complete() {
        return arrived.stream().filter(id -> records.containsKey(id) && records.get(id).complete()).toList();
    }

    /** Taken, with a row that has no end (or no outcome). */
    public List<String> open() {
        return arrived.stream().filter(id -> records.containsKey(id) && !records.get(id).complete()).toList();
    }

    public List<String> missing() {
        return arrived.stream().filter(id -> !records.containsKey(id)).toList();
    }

    /**
     * Complete records of calls whose end the node that took them never journalled: the node was killed while they
     * were live, so only a repair at the next start can have ended them (that repair publishes their end with its
     * own cause, which a later node journals).
     */
    public List<String> repaired() {
        // the repair publishes the end of each call it closes, so a later node may have journalled it as ended
        return complete().stream().filter(id -> !ended.contains(id)
                || org.hotline.ticketing.call.OpenCallRepair.CAUSE.equals(records.get(id).hangupCause())).toList();
    }

    /** Taken calls whose record is missing or incomplete: lost. */
    public List<String> lost() {
        List<String> lost = new ArrayList<>(missing());
        lost.addAll(open());
        return lost;
    }
}
