package org.hotline.cti.asterisk.ami;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.stream.Stream;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The socket under Asterisk-Java's reader, with the guards its own socket lacks. It reads whole AMI messages (lines up
 * to the empty line) before handing their lines on, so that it can:
 * <ul>
 *   <li>drop a message larger than {@code maxMessageBytes} as a whole, without ever buffering more than the limit
 *       (Asterisk-Java's scanner buffers a line of any length), and log it once per kind;</li>
 *   <li>drop and log (once) a line that is not {@code Name: value} (Asterisk-Java ignores it silently), except the
 *       banner, which Asterisk sends as a single line with no empty line after it, and the raw output lines of a
 *       legacy {@code Response: Follows};</li>
 *   <li>skip, undecoded, the events the platform has no use for ({@link AmiEventFilter});</li>
 *   <li>time out a read after {@code readTimeout}, so that a half-open TCP connection ends the reader (Asterisk-Java's
 *       default is to wait forever).</li>
 * </ul>
 * Accepts CRLF and bare LF line ends; decodes UTF-8 (caller names in Chinese).
 */
final class GuardedSocket implements SocketConnectionFacade {
    private static final byte[][] BANNERS = Stream.of("Asterisk Call Manager/",
                    "Asterisk Call Manager Proxy/", "Asterisk Manager Proxy/", "OpenPBX Call Manager/",
                    "CallWeaver Call Manager/")
            .map(b -> b.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
    private static final int BUFFER = 64 * 1024;

    private final String server;
    private final Socket socket;
    private final InputStream in;
    private final Writer writer;
    private final int maxMessageBytes;
    private final ProblemLog problems;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    /** The lines of the message being read, back to back, line {@code i} from {@code starts[i]} to {@code ends[i]}. */
    private byte[] message = new byte[4096];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private long skipped;

    GuardedSocket(String server, String host, int port, int connectTimeoutMs, int readTimeoutMs, int maxMessageBytes,
                  ProblemLog problems) throws IOException {
        this.server = server;
        this.maxMessageBytes = maxMessageBytes;
        this.problems = problems;
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            this.in = s.getInputStream();
            this.writer = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
            // Wait for the banner here: a server that accepts and closes (Asterisk shutting down, a proxy without
            // backend) fails the login at once instead of after Asterisk-Java's whole response timeout.
            s.setSoTimeout(connectTimeoutMs);
            if (!readMessage()) {
                throw new IOException("AMI server " + server + " closed the connection before its banner");
            }
            s.setSoTimeout(readTimeoutMs);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        this.socket = s;
    }

    @Override
    public String readLine() throws IOException {
        while (ready.isEmpty()) {
            if (!readMessage()) {
                return null;
            }
        }
        return ready.poll();
    }

    /**
     * Reads the next message (or the banner) into {@link #ready}; false at the end of the stream. The lines of a
     * message are kept as bytes until it is whole, so that a message {@link AmiEventFilter} skips is never decoded.
     */
    private boolean readMessage() throws IOException {
        while (true) {
            int lines = 0;
            int bytes = 0;
            boolean oversized = false;
            boolean legacyOutput = false;
            while (true) {
                int n = readRawLine(oversized ? 0 : maxMessageBytes - bytes);
                if (n == EOF) {
                    return false;
                }
                if (n == TOO_LONG) {
                    oversized = true;
                    continue;
                }
                if (n == 0) {
                    if (lines == 0 && !oversized) {
                        continue; // a stray empty line between messages
                    }
                    break;
                }
                bytes += n + 2;
                if (oversized) {
                    continue;
                }
                if (lines == 0 && isBanner(line, n)) {
                    ready.add(new String(line, 0, n, StandardCharsets.UTF_8));
                    return true;
                }
                if (colon(line, n) <= 0 && !legacyOutput) {
                    problems.warn("no-colon", "AMI server {}: ignored a line that is not 'Name: value': '{}'", server,
                            abbreviate(new String(line, 0, n, StandardCharsets.UTF_8)));
                    continue;
                }
                if (lines == 0) {
                    legacyOutput = n >= 17 && new String(line, 0, 17, StandardCharsets.US_ASCII)
                            .equalsIgnoreCase("Response: Follows");
                }
                keepLine(lines++, n);
            }
            if (oversized) {
                problems.warn("oversized", "AMI server {}: dropped a message larger than {} bytes (it began with '{}')",
                        server, maxMessageBytes, lines == 0 ? "?"
                                : abbreviate(new String(message, starts[0], ends[0] - starts[0],
                                StandardCharsets.UTF_8)));
                continue;
            }
            if (!AmiEventFilter.filter(message, starts, ends, lines, ready)) {
                skipped++;
                continue;
            }
            ready.add("");
            return true;
        }
    }

    /** Appends the line just read ({@link #line}, {@code n} bytes) to the message as its line {@code index}. */
    private void keepLine(int index, int n) {
        int at = index == 0 ? 0 : ends[index - 1];
        if (at + n > message.length) {
            message = Arrays.copyOf(message, Math.max(message.length * 2, at + n));
        }
        if (index == starts.length) {
            starts = Arrays.copyOf(starts, index * 2);
            ends = Arrays.copyOf(ends, index * 2);
        }
        System.arraycopy(line, 0, message, at, n);
        starts[index] = at;
        ends[index] = at + n;
    }

    private static int colon(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** The messages {@link AmiEventFilter} skipped so far on this connection. */
    long skipped() {
        return skipped;
    }

    private static final int EOF = -1;
    private static final int TOO_LONG = -2;

    /**
     * Reads one line into {@link #line} without its line end.
     *
     * @param budget bytes the line may still take; a longer line is consumed but not kept
     * @return its length, {@link #EOF} at the end of the stream, {@link #TOO_LONG} when over budget
     */
    private int readRawLine(int budget) throws IOException {
        int n = 0;
        boolean tooLong = false;
        while (true) {
            if (pos == limit) {
                int read = in.read(buf, 0, buf.length);
                if (read < 0) {
                    return EOF;
                }
                pos = 0;
                limit = read;
            }
            int start = pos;
            int end = start;
            while (end < limit && buf[end] != '\n') {
                end++;
            }
            int chunk = end - start;
            if (!tooLong) {
                if (n + chunk > budget + 1) { // +1: a '\r' before the '\n' is not counted
                    tooLong = true;
                } else {
                    if (n + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, n + chunk));
                    }
                    System.arraycopy(buf, start, line, n, chunk);
                    n += chunk;
                }
            }
            if (end < limit) {
                pos = end + 1;
                if (tooLong) {
                    return TOO_LONG;
                }
                if (n > 0 && line[n - 1] == '\r') {
                    n--;
                }
                if (n > budget) {
                    return TOO_LONG;
                }
                return n;
            }
            pos = limit;
        }
    }

    private static boolean isBanner(byte[] b, int n) {
        for (byte[] banner : BANNERS) {
            if (n >= banner.length && Arrays.equals(b, 0, banner.length, banner, 0, banner.length)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Override
    public void write(String s) throws IOException {
        synchronized (writer) {
            writer.write(s);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (writer) {
            writer.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
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
}
