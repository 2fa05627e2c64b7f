package org.hotline.cti.asterisk.ami.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A wire capture of {@code src/test/resources/asterisk/} (README there): {@code # } header lines, then blocks, each
 * introduced by a marker line ending in LF only, {@code #< server->client +T} or {@code #> client->server +T},
 * followed by the exact bytes (CRLF lines; one message per block, ending with its empty line; the banner is a single
 * line). The markers are dropped; the bytes are kept as they are.
 */
public final class AmiCapture {
    /** Who sent a block. */
    public enum Direction { SERVER, CLIENT }

    /** One block: the exact bytes of one message (or the banner). */
    public record Block(Direction direction, double at, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The message's fields, names case-insensitive; repeated names keep the last value. */
        public Map<String, String> fields() {
            Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line : text().split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    m.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return m;
        }

        public String field(String name) {
            return fields().get(name);
        }

        public boolean isEvent(String name) {
            return name.equalsIgnoreCase(field("Event"));
        }

        public boolean isResponse() {
            return field("Response") != null;
        }

        /** The action's name, for a client block. */
        public String action() {
            return field("Action");
        }
    }

    private final String name;
    private final List<String> header;
    private final List<Block> blocks;

    private AmiCapture(String name, List<String> header, List<Block> blocks) {
        this.name = name;
        this.header = List.copyOf(header);
        this.blocks = Collections.unmodifiableList(blocks);
    }

    /** Loads {@code asterisk/<file>} from the class path. */
    public static AmiCapture load(String file) {
        String resource = "asterisk/" + file;
        try (InputStream in = AmiCapture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + resource + " on the class path");
            }
            return parse(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a capture file's bytes. */
    public static AmiCapture parse(String name, byte[] file) {
        List<String> header = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Direction direction = null;
        double at = 0;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int start = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, file.length); // the line including its LF
            String marker = markerOf(file, start, end);
            if (marker != null) {
                if (direction != null) {
                    blocks.add(new Block(direction, at, current.toByteArray()));
                }
                direction = marker.startsWith("#<") ? Direction.SERVER : Direction.CLIENT;
                at = timeOf(marker);
                current.reset();
            } else if (direction == null) {
                if (end > start) {
                    header.add(new String(file, start, end - start, StandardCharsets.UTF_8));
                }
            } else {
                current.write(file, start, next - start);
            }
            start = next;
        }
        if (direction != null) {
            blocks.add(new Block(direction, at, current.toByteArray()));
        }
        return new AmiCapture(name, header, blocks);
    }

    /** A marker line is {@code #< ...} or {@code #> ...} ending with LF only (never CR). */
    private static String markerOf(byte[] file, int start, int end) {
        if (end - start < 3 || file[start] != '#' || (file[start + 1] != '<' && file[start + 1] != '>')
                || file[start + 2] != ' ' || file[end - 1] == '\r') {
            return null;
        }
        return new String(file, start, end - start, StandardCharsets.US_ASCII);
    }

    private static double timeOf(String marker) {
        int plus = marker.lastIndexOf('+');
        if (plus < 0) {
            return 0;
        }
        String t = marker.substring(plus + 1).replace("s", "").trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The raw server stream: every server block, markers and client blocks dropped. */
    public byte[] serverStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Block b : blocks) {
            if (b.direction() == Direction.SERVER) {
                out.writeBytes(b.bytes());
            }
        }
        return out.toByteArray();
    }

    /**
     * The blocks after the capture's own login (its banner, Login action and login response dropped): what a client
     * that has just logged in would receive next, and the actions the capture's client sent.
     */
    public List<Block> afterLogin() {
        int i = 0;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            if (b.direction() == Direction.SERVER && b.isResponse()
                    && "Authentication accepted".equalsIgnoreCase(b.field("Message"))) {
                i = k + 1;
                break;
            }
        }
        return blocks.subList(i, blocks.size());
    }

    /** Every event name of the server blocks, in order (for assertions about what a replay contains). */
    public List<String> eventNames() {
        List<String> names = new ArrayList<>();
        for (Block b : blocks) {
            String e = b.direction() == Direction.SERVER ? b.field("Event") : null;
            if (e != null) {
                names.add(e);
            }
        }
        return names;
    }

    /** The first server block's fields of event {@code name} whose {@code field} equals {@code value}. */
    public Map<String, String> firstEvent(String name, String field, String value) {
        for (Block b : blocks) {
            if (b.direction() == Direction.SERVER && b.isEvent(name) && value.equals(b.field(field))) {
                return b.fields();
            }
        }
        throw new IllegalArgumentException(this.name + " has no " + name + " with " + field + ": " + value);
    }

    /** Lower-cased action names the capture's client sent, in order. */
    public List<String> clientActions() {
        List<String> names = new ArrayList<>();
        for (Block b : blocks) {
            if (b.direction() == Direction.CLIENT && b.action() != null) {
                names.add(b.action().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
