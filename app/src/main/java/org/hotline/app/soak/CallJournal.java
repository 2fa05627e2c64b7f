package org.hotline.app.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one line per call the node took ({@code A <id>}, when its arrival is published) and per call that ended
 * ({@code E <id>}), so that a soak run or a crash test can count afterwards, against the database, the calls whose
 * record is missing or incomplete. Each line is one {@code write} to the file before the event goes on, so it is in
 * the operating system's hands even if the JVM is killed the next instant.
 *
 * <p>Only attached when the system property {@value #PROPERTY} names a file: a normal node does not journal. This is
 * the one hook the soak run ({@code ./hotline soak}, in the bench module) and the app's crash tests need inside a
 * node, so it stays in the production jar while everything that reads the journal ({@code JournalTally}) does not.
 */
public final class CallJournal implements AutoCloseable {
    public static final String PROPERTY = "hotline.call-journal";
    private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);

    private final FileChannel out;
    private final EventBus.Subscription subscription;

    private CallJournal(FileChannel out, EventBus bus) {
        this.out = out;
        this.subscription = bus.subscribe(CallEvent.class, this::accept);
    }

    /** A journal on {@code bus} when {@value #PROPERTY} is set, else null. */
    public static CallJournal attachIfConfigured(EventBus bus) {
        String file = System.getProperty(PROPERTY, "");
        if (file.isBlank()) {
            return null;
        }
        try {
            FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            LOG.info("journalling every call taken and ended to {}", file);
            return new CallJournal(ch, bus);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the call journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void accept(CallEvent event) {
        if (event instanceof CallArrived a && a.callId() != null) {
            append("A " + a.callId() + "\n");
        } else if (event instanceof CallHungUp h && h.callId() != null) {
            append("E " + h.callId() + "\n");
        }
    }

    private synchronized void append(String line) {
        try {
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) {
            LOG.warn("call journal write failed: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        subscription.close();
        out.close();
    }
}
