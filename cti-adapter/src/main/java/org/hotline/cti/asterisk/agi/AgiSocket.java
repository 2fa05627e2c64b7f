package org.hotline.cti.asterisk.agi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        int length = 0;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
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
                throw new IOException("line from Asterisk longer than " + MAX_LINE_BYTES + " bytes");
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
