package org.hotline.cti.asterisk.agi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One FastAGI connection from Asterisk, as Asterisk-Java's {@link SocketConnectionFacade} (Asterisk-Java reads the
 * {@code agi_*} environment and sets {@code AJ_AGISTATUS} through it) and as the line transport of {@link AgiLink}.
 * <p>
 * Written for many thousands of concurrent sessions: a 1 KiB read buffer and no writer buffer (Asterisk-Java's own
 * facade holds 8 KiB+ per connection), LF-terminated lines (a trailing CR is dropped), UTF-8, and lines longer than
 * {@link #MAX_LINE_BYTES} are refused with an {@link IOException} rather than buffered without bound. Reads happen
 * on one thread at a time (the session's thread, or the Dial thread while it owns the link); {@link #close()} may be
 * called from any thread and wakes a blocked read.
 * <p>
 * <b>The environment first.</b> Before Asterisk-Java sees the connection, {@link #readEnvironment} reads the
 * {@code agi_*} block up to its blank line under two deadlines of its own (silence before the first byte, and the
 * whole block from its first byte), checked before every read, so a peer that connects and says nothing, or sends a
 * block without its blank line, or drips it byte by byte, is closed in bounded time. The lines read are then served
 * again by {@link #readLine()}, so Asterisk-Java parses the same bytes it would have read itself.
 */
final class AgiSocket implements SocketConnectionFacade {
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int READ_BUFFER_BYTES = 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private int position;
    private int limit;
    private byte[] line = new byte[128];
    private final StringBuilder unflushed = new StringBuilder();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String remote;
    private final Deque<String> replay = new ArrayDeque<>();
    /** While the environment is read: when the current read must have returned by (System.nanoTime), else 0. */
    private long idleDeadline;
    private long envTimeoutNanos;
    private long firstByteAt;
    private boolean gotFirstByte;
    private boolean handshaking;

    /** Lines an environment may have; Asterisk sends about 25. */
    static final int MAX_ENVIRONMENT_LINES = 256;

    /** What {@link #readEnvironment} found. */
    sealed interface Environment {
        /** The block up to and including its blank line; {@link #readLine()} serves these lines again. */
        record Complete(int lines) implements Environment {
        }

        /** The peer closed the connection (or it broke) before the blank line. */
        record ClosedEarly(int lines, String why) implements Environment {
        }

        /** Nothing came within the idle timeout ({@code lines == 0}), or the block did not end in time. */
        record TimedOut(int lines, boolean silent) implements Environment {
        }

        /** More than {@link #MAX_ENVIRONMENT_LINES} lines, or a line too long: not Asterisk. */
        record Oversized(int lines) implements Environment {
        }
    }

    AgiSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /**
     * @return the next line without its LF (and CR), or null at end of stream
     * @throws IOException on a socket error, a read timeout or a line longer than {@link #MAX_LINE_BYTES}
     */
    @Override
    public String readLine() throws IOException {
        String again = replay.pollFirst();
        return again != null ? again : readWireLine();
    }

    /**
     * Reads the {@code agi_*} environment up to its blank line: the first byte must come within {@code idle}, the
     * blank line within {@code env} of the first byte. Afterwards the socket's read timeout is {@code readTimeout}.
     */
    Environment readEnvironment(Duration idle, Duration env, int readTimeoutMillis) {
        int lines = 0;
        handshaking = true;
        idleDeadline = System.nanoTime() + idle.toNanos();
        envTimeoutNanos = env.toNanos();
        try {
            while (true) {
                String line;
                try {
                    line = readWireLine();
                } catch (SocketTimeoutException e) {
                    return new Environment.TimedOut(lines, !gotFirstByte);
                } catch (LineTooLongException e) {
                    return new Environment.Oversized(lines);
                } catch (IOException e) {
                    return new Environment.ClosedEarly(lines, e.getMessage());
                }
                if (line == null) {
                    return new Environment.ClosedEarly(lines, "end of stream");
                }
                replay.addLast(line);
                lines++;
                if (line.isEmpty()) {
                    handshaking = false;
                    socket.setSoTimeout(readTimeoutMillis);
                    return new Environment.Complete(lines);
                }
                if (lines >= MAX_ENVIRONMENT_LINES) {
                    return new Environment.Oversized(lines);
                }
            }
        } catch (IOException e) {
            return new Environment.ClosedEarly(lines, e.getMessage());
        } finally {
            handshaking = false;
        }
    }

    /** Before a read while the environment is read: the time left, as the socket's timeout; none left fails. */
    private void armHandshakeTimeout() throws IOException {
        long deadline = gotFirstByte ? firstByteAt + envTimeoutNanos : idleDeadline;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("AGI environment not received in time");
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    }

    /** A line longer than {@link #MAX_LINE_BYTES}. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line from Asterisk longer than " + MAX_LINE_BYTES + " bytes");
        }
    }

    private String readWireLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == limit) {
                if (handshaking) {
                    armHandshakeTimeout();
                }
                int read = in.read(buffer);
                if (read > 0 && !gotFirstByte) {
                    gotFirstByte = true;
                    firstByteAt = System.nanoTime();
                }
                if (read < 0) {
                    return length == 0 ? null : decode(length);
                }
                position = 0;
                limit = read;
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (length + chunk > MAX_LINE_BYTES) {
                throw new LineTooLongException();
            }
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + chunk)));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            if (end < limit) {
                position = end + 1;
                return decode(length);
            }
            position = limit;
        }
    }

    private String decode(int length) {
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        if (line.length > 1024) {
            line = new byte[128];
        }
        return text;
    }

    @Override
    public void write(String s) {
        writeLock.lock();
        try {
            unflushed.append(s);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        writeLock.lock();
        try {
            byte[] bytes = unflushed.toString().getBytes(StandardCharsets.UTF_8);
            unflushed.setLength(0);
            out.write(bytes);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends one command line (the LF is added) in a single write. */
    void writeLine(String commandLine) throws IOException {
        writeLock.lock();
        try {
            write(commandLine + "\n");
            flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the connection once; a read blocked on another thread fails at once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket that is already broken: nothing left to release
            }
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }

    /** {@code address:port} of the Asterisk side, for logs. */
    String remote() {
        return remote;
    }
}
