package org.hotline.cti.asterisk.agi;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends AGI commands over one session's socket and reads Asterisk's replies, one command at a time.
 * <p>
 * Hotline's commands go through this link rather than Asterisk-Java's {@code AgiChannel.sendCommand}, because in
 * Asterisk-Java 3.42.2 that path (a) drops the {@code HANGUP} line Asterisk sends when the caller hangs up, so the
 * {@code 200} replies a dead channel still gives to GET/SET VARIABLE and EXEC look like a live call; (b) waits for a
 * second line after the single-line usage error {@code 520 Invalid command syntax.  Proper usage not available.}
 * that Asterisk 20 sends when built without XML docs, which blocks the session until the read timeout; and (c) is
 * {@code synchronized}, which pins the carrier thread of a virtual thread waiting for a reply on Java 21-23. This
 * link records a {@code HANGUP} line wherever it arrives ({@link #hangupSeen()}), reads both 520 forms, skips
 * {@code 100 Trying} lines and guards with a {@link ReentrantLock}.
 */
final class AgiLink {
    private static final int MAX_LINES_PER_REPLY = 200;

    private final AgiSocket socket;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean hangupSeen;

    AgiLink(AgiSocket socket) {
        this.socket = socket;
    }

    /**
     * Sends one command and waits for its reply.
     *
     * @throws AgiConnectionLostException when the connection is closed, fails or stays silent past the read timeout
     * @throws AgiProtocolException       when the reply is malformed
     */
    AgiResponse send(String command) {
        AgiCommands.requireSingleLine(command);
        lock.lock();
        try {
            try {
                socket.writeLine(command);
            } catch (IOException e) {
                throw lost("cannot send '" + command + "' to Asterisk: " + e.getMessage(), e);
            }
            return readReply(command);
        } finally {
            lock.unlock();
        }
    }

    private AgiResponse readReply(String command) {
        for (int i = 0; i < MAX_LINES_PER_REPLY; i++) {
            String line = readLine(command);
            if (line.startsWith("HANGUP")) {
                hangupSeen = true;
                if (line.length() == "HANGUP".length()) {
                    continue;
                }
                line = line.substring("HANGUP".length());
            }
            if (line.startsWith("100 ") || line.startsWith("100-")) {
                continue;
            }
            if (line.startsWith(AgiResponse.INVALID_COMMAND_SYNTAX + "-")) {
                return readUsage(line, command);
            }
            return AgiResponse.parse(line, List.of(line), command);
        }
        throw new AgiProtocolException("no reply from Asterisk to '" + command + "' within " + MAX_LINES_PER_REPLY
                + " lines");
    }

    /** The multi-line 520 form: {@code 520-Invalid command syntax...}, usage lines, {@code 520 End of proper usage.} */
    private AgiResponse readUsage(String first, String command) {
        List<String> lines = new ArrayList<>();
        lines.add(first);
        for (int i = 0; i < MAX_LINES_PER_REPLY; i++) {
            String line = readLine(command);
            lines.add(line);
            if (line.startsWith(AgiResponse.INVALID_COMMAND_SYNTAX + " ")) {
                return AgiResponse.parse(first, lines, command);
            }
        }
        throw new AgiProtocolException("usage reply from Asterisk to '" + command + "' has no end within "
                + MAX_LINES_PER_REPLY + " lines");
    }

    private String readLine(String command) {
        String line;
        try {
            line = socket.readLine();
        } catch (SocketTimeoutException e) {
            throw new AgiConnectionLostException("no reply from Asterisk to '" + command
                    + "' within the socket read timeout", true, e);
        } catch (IOException e) {
            throw lost("connection to Asterisk lost waiting for the reply to '" + command + "': " + e.getMessage(), e);
        }
        if (line == null) {
            throw new AgiConnectionLostException("Asterisk closed the connection before replying to '" + command
                    + "'", false, null);
        }
        return line;
    }

    private AgiConnectionLostException lost(String message, IOException cause) {
        return new AgiConnectionLostException(message, false, cause);
    }

    /**
     * Sends a command without waiting for its reply (for the last words of a session about to be closed, when the
     * reply stream can no longer be trusted). Failures are ignored: the connection is going away anyway.
     */
    void sendAndForget(String command) {
        AgiCommands.requireSingleLine(command);
        lock.lock();
        try {
            socket.writeLine(command);
        } catch (IOException e) {
            // the session ends right after this; a connection that cannot take the line is already gone
        } finally {
            lock.unlock();
        }
    }

    /** Whether Asterisk has sent a {@code HANGUP} line on this session (the caller's channel is gone). */
    boolean hangupSeen() {
        return hangupSeen;
    }

    /** Closes the session's connection (a command in flight on another thread fails at once). */
    void close() {
        socket.close();
    }

    String remote() {
        return socket.remote();
    }
}
