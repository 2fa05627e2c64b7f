package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test peer itself: capture parsing, the login a raw client sees, and byte-for-byte replay. */
class FakeAsteriskAmiTest {
    @ParameterizedTest
    @ValueSource(strings = {"ami-queue-answered.txt", "ami-queue-abandon.txt", "ami-originate.txt",
            "ami-transfer-redirect-blind-atxfer.txt", "ami-chanspy-mixmonitor.txt", "ami-queue-status-summary.txt",
            "ami-queue-member-actions.txt", "ami-agi-ivr-events.txt", "ami-sip-ivr-call.txt",
            "ami-sip-queue-calls.txt"})
    void everyCaptureParsesIntoWholeMessagesWithTheirExactBytes(String file) throws IOException {
        AmiCapture capture = AmiCapture.load(file);
        byte[] raw;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asterisk/" + file)) {
            raw = in.readAllBytes();
        }
        assertThat(capture.header()).isNotEmpty().allMatch(l -> l.startsWith("#"));
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        for (AmiCapture.Block b : capture.blocks()) {
            String text = b.text();
            if (text.equals(FakeAsteriskAmi.BANNER)) {
                continue; // the banner: one CRLF line, no empty line after it
            }
            assertThat(text).as("a block of %s", file).endsWith("\r\n\r\n").doesNotContain("\n#");
            assertThat(text.replace("\r\n", "")).doesNotContain("\n"); // CRLF only inside a block
            rebuilt.writeBytes(b.bytes());
        }
        // every byte of the file is a header or marker line (LF only) or a block's exact bytes
        ByteArrayOutputStream withoutMarkers = new ByteArrayOutputStream();
        int start = 0;
        while (start < raw.length) {
            int end = start;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            boolean lfOnly = end > start && raw[end - 1] != '\r';
            if (!(raw[start] == '#' && lfOnly)) {
                withoutMarkers.write(raw, start, next - start);
            }
            start = next;
        }
        ByteArrayOutputStream allBlocks = new ByteArrayOutputStream();
        capture.blocks().forEach(b -> allBlocks.writeBytes(b.bytes()));
        assertThat(allBlocks.toByteArray()).isEqualTo(withoutMarkers.toByteArray());
        assertThat(rebuilt.size() + FakeAsteriskAmi.BANNER.length()).isEqualTo(allBlocks.size());
        assertThat(capture.serverStream()).startsWith(FakeAsteriskAmi.BANNER.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aRawClientSeesTheBannerLogsInWithTheMd5KeyAndReceivesAReplayByteForByte() throws Exception {
        try (FakeAsteriskAmi fake = new FakeAsteriskAmi("hotline", "pw");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), fake.port())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            assertThat(readExactly(in, FakeAsteriskAmi.BANNER.length())).isEqualTo(FakeAsteriskAmi.BANNER);

            out.write("Action: Challenge\r\nActionID: c1\r\nAuthType: MD5\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String challenge = readMessage(in);
            assertThat(challenge).startsWith("Response: Success\r\nActionID: c1\r\n"); // ActionID second
            String value = challenge.replaceAll("(?s).*Challenge: (\\d+).*", "$1");
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((value + "pw").getBytes(StandardCharsets.UTF_8)));
            out.write(("Action: Login\r\nActionID: l1\r\nUsername: hotline\r\nAuthType: MD5\r\nKey: " + key
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readMessage(in)).isEqualTo(
                    "Response: Success\r\nActionID: l1\r\nMessage: Authentication accepted\r\n\r\n");
            assertThat(readMessage(in)).startsWith("Event: FullyBooted\r\n");

            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-abandon.txt").afterLogin();
            fake.session(Duration.ofSeconds(5)).replay(blocks);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            blocks.stream().filter(b -> b.direction() == AmiCapture.Direction.SERVER && !b.isResponse())
                    .forEach(b -> expected.writeBytes(b.bytes()));
            byte[] received = in.readNBytes(expected.size());
            assertThat(received).isEqualTo(expected.toByteArray());

            out.write("Action: Logoff\r\nActionID: bye\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readMessage(in)).isEqualTo(
                    "Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n");
            assertThat(in.read()).isEqualTo(-1); // and the connection is closed
        }
    }

    @Test
    void aWrongKeyIsRefusedAndTheConnectionClosed() throws Exception {
        try (FakeAsteriskAmi fake = new FakeAsteriskAmi("hotline", "pw");
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), fake.port())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            readExactly(in, FakeAsteriskAmi.BANNER.length());
            socket.getOutputStream().write(("Action: Challenge\r\nActionID: c1\r\nAuthType: MD5\r\n\r\n"
                    + "Action: Login\r\nActionID: l1\r\nUsername: hotline\r\nAuthType: MD5\r\nKey: 00\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            readMessage(in);
            assertThat(readMessage(in)).contains("Response: Error").contains("Authentication failed");
            assertThat(in.read()).isEqualTo(-1);
            assertThat(fake.logins()).isZero();
        }
    }

    private static String readExactly(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** Reads up to and including the empty line that ends a message. */
    private static String readMessage(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            String s = out.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
