package org.hotline.bench.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs end to end (on the first calls of the recording, to keep the build short); it measures only. */
class AmiIngestBenchmarkTest {
    @Test
    void replaysTheRecordingToBothListenersAndReportsBothRates(@TempDir Path dir) throws IOException {
        byte[] all;
        try (InputStream in = new GZIPInputStream(getClass().getClassLoader()
                .getResourceAsStream("asterisk/ami-load-600calls.txt.gz"))) {
            all = in.readNBytes(2_000_000);
        }
        String text = new String(all, StandardCharsets.UTF_8);
        String head = text.substring(0, text.lastIndexOf("\r\n\r\n") + 4); // whole messages only
        Path small = dir.resolve("first-calls.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(small))) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
        }

        String report = AmiIngestBenchmark.run(small, 0, 1);

        assertThat(report).contains("bare Asterisk-Java ManagerConnection listener", "Hotline AmiGateway", "ratio:",
                "events/s", "callers tracked");
        assertThat(report).containsPattern("gateway published: [0-9,]+ CallHungUp");
    }
}
