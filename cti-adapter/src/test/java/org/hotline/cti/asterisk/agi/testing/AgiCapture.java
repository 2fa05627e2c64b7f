package org.hotline.cti.asterisk.agi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A FastAGI wire capture in the format of {@code src/test/resources/asterisk/README.md}: {@code #} header lines,
 * then blocks each introduced by a marker line {@code #< asterisk->agi +T} or {@code #> agi->asterisk +T} and holding
 * the exact bytes of one {@code recv()}/{@code send()} (LF-only). The markers and the header are dropped; the blocks
 * keep their bytes.
 */
public final class AgiCapture {
    /** Who sent a block. */
    public enum Direction { ASTERISK_TO_AGI, AGI_TO_ASTERISK }

    /** One {@code recv()} or {@code send()} of the capture. */
    public record Block(Direction direction, byte[] bytes) {
        public Block {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.direction == direction && Arrays.equals(b.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * direction.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return direction + " " + text().replace("\n", "\\n");
        }
    }

    private final String name;
    private final List<Block> blocks;

    private AgiCapture(String name, List<Block> blocks) {
        this.name = name;
        this.blocks = List.copyOf(blocks);
    }

    /** Loads a capture from the test class path, e.g. {@code /asterisk/agi-ivr-session.txt}. */
    public static AgiCapture resource(String path) {
        try (InputStream in = AgiCapture.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture on the class path at " + path);
            }
            return parse(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException when a block comes before any marker or the file has no block
     */
    public static AgiCapture parse(String name, byte[] file) {
        List<Block> blocks = new ArrayList<>();
        Direction current = null;
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        int start = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            int next = Math.min(file.length, end + 1);
            String line = new String(file, start, end - start, StandardCharsets.UTF_8);
            Direction marker = line.startsWith("#< ") ? Direction.ASTERISK_TO_AGI
                    : line.startsWith("#> ") ? Direction.AGI_TO_ASTERISK : null;
            if (marker != null) {
                if (current != null) {
                    blocks.add(new Block(current, content.toByteArray()));
                }
                current = marker;
                content.reset();
            } else if (current == null) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    throw new IllegalArgumentException(name + ": content before the first block marker: " + line);
                }
            } else {
                content.write(file, start, next - start);
            }
            start = next;
        }
        if (current == null) {
            throw new IllegalArgumentException(name + ": no block markers");
        }
        blocks.add(new Block(current, content.toByteArray()));
        return new AgiCapture(name, blocks);
    }

    public String name() {
        return name;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** Every command line the AGI side sent (without LF), in order. */
    public List<String> agiCommands() {
        List<String> commands = new ArrayList<>();
        for (Block block : blocks) {
            if (block.direction() == Direction.AGI_TO_ASTERISK) {
                String text = block.text();
                for (String line : text.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        commands.add(line);
                    }
                }
            }
        }
        return commands;
    }
}
