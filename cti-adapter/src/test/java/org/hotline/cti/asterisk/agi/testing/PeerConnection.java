package org.hotline.cti.asterisk.agi.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asterisk's end of one FastAGI connection: raw LF-terminated lines in, one write per chunk out. */
final class PeerConnection implements AutoCloseable {
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private PeerConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static PeerConnection open(String host, int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            return new PeerConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The next line's bytes including its LF (without one if the stream ended mid-line); null at end of stream. */
    byte[] readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() <= MAX_LINE_BYTES) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toByteArray();
            }
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        throw new IOException("line from the platform longer than " + MAX_LINE_BYTES + " bytes");
    }

    /** The next line without its LF, or null at end of stream. */
    String readLine() throws IOException {
        byte[] raw = readRawLine();
        if (raw == null) {
            return null;
        }
        int length = raw.length > 0 && raw[raw.length - 1] == '\n' ? raw.length - 1 : raw.length;
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }

    /** Sends one chunk in one write (as one {@code send()} of Asterisk's). */
    void send(byte[] chunk) throws IOException {
        out.write(chunk);
        out.flush();
    }

    void send(String chunk) throws IOException {
        send(chunk.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a broken test connection: nothing left to release
        }
    }
}
