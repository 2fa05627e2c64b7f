package org.hotline.cti.asterisk.agi.testing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A capture replayed against the server by {@link FakeAsteriskAgi#replay}: every {@code asterisk->agi} block is sent
 * as recorded (one write per block), every {@code agi->asterisk} block must match the server's bytes exactly. The
 * first difference is recorded and ends the replay. After the capture's last block the fake keeps reading until the
 * server closes, answering {@code 200 result=1} to each further line (as Asterisk does to a SET VARIABLE, even on a
 * dead channel) and recording it in {@link #afterCapture()}.
 */
public final class ReplaySession implements AutoCloseable {
    private static final int MAX_LINES_AFTER_CAPTURE = 100;

    private final String host;
    private final int port;
    private final AgiCapture capture;
    private final Duration readTimeout;
    private final List<String> mismatches = new CopyOnWriteArrayList<>();
    private final List<String> serverLines = new CopyOnWriteArrayList<>();
    private final List<String> afterCapture = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile PeerConnection connection;
    private volatile Thread thread;
    private volatile boolean endedByPlatform;
    private volatile boolean closedByTest;

    ReplaySession(String host, int port, AgiCapture capture, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.capture = capture;
        this.readTimeout = readTimeout;
    }

    void start() {
        thread = Thread.ofVirtual().name("fake-asterisk-replay").start(this::run);
    }

    private void run() {
        try (PeerConnection c = PeerConnection.open(host, port, readTimeout)) {
            connection = c;
            if (replayed(c)) {
                readTail(c);
            }
        } catch (SocketTimeoutException e) {
            mismatches.add("no line from the server within " + readTimeout + " (received so far: " + serverLines + ")");
        } catch (IOException e) {
            if (!closedByTest) {
                endedByPlatform = true;
            }
        } finally {
            ended.countDown();
        }
    }

    private boolean replayed(PeerConnection c) throws IOException {
        int index = 0;
        for (AgiCapture.Block block : capture.blocks()) {
            index++;
            if (block.direction() == AgiCapture.Direction.ASTERISK_TO_AGI) {
                c.send(block.bytes());
                continue;
            }
            byte[] expected = block.bytes();
            java.io.ByteArrayOutputStream actual = new java.io.ByteArrayOutputStream();
            while (actual.size() < expected.length) {
                byte[] line = c.readRawLine();
                if (line == null) {
                    mismatches.add("block " + index + ": the server closed the connection; expected "
                            + show(expected));
                    endedByPlatform = true;
                    return false;
                }
                serverLines.add(strip(line));
                actual.write(line);
            }
            if (!java.util.Arrays.equals(expected, actual.toByteArray())) {
                mismatches.add("block " + index + ": expected " + show(expected) + " but the server sent "
                        + show(actual.toByteArray()));
                return false;
            }
        }
        return true;
    }

    private void readTail(PeerConnection c) throws IOException {
        for (int i = 0; i < MAX_LINES_AFTER_CAPTURE; i++) {
            byte[] line = c.readRawLine();
            if (line == null) {
                endedByPlatform = true;
                return;
            }
            afterCapture.add(strip(line));
            c.send("200 result=1\n");
        }
        mismatches.add("the server sent more than " + MAX_LINES_AFTER_CAPTURE + " lines after the capture ended");
    }

    private static String strip(byte[] line) {
        int length = line.length > 0 && line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private static String show(byte[] bytes) {
        return "'" + new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n") + "'";
    }

    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Differences between the capture and the server's bytes (empty when the server matched it exactly). */
    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** Every line the server sent while the capture was replayed (without LF). */
    public List<String> serverLines() {
        return List.copyOf(serverLines);
    }

    /** Lines the server sent after the capture's last block (without LF). */
    public List<String> afterCapture() {
        return List.copyOf(afterCapture);
    }

    /** Whether the server closed the connection. */
    public boolean endedByPlatform() {
        return endedByPlatform;
    }

    @Override
    public void close() {
        closedByTest = true;
        PeerConnection c = connection;
        if (c != null) {
            c.close();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
