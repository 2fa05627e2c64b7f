package org.hotline.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Collects latency samples (microseconds) and reports percentiles. Thread-safe. */
final class LatencyRecorder {
    private final List<Long> samples = new ArrayList<>();

    synchronized void record(long micros) {
        samples.add(micros);
    }

    synchronized int count() {
        return samples.size();
    }

    /** e.g. {@code n=2981 p50=0.41ms p95=1.20ms p99=3.05ms max=12.70ms}. */
    synchronized String summary() {
        if (samples.isEmpty()) {
            return "n=0";
        }
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return String.format("n=%d p50=%s p95=%s p99=%s max=%s", sorted.size(), ms(pct(sorted, 50)),
                ms(pct(sorted, 95)), ms(pct(sorted, 99)), ms(sorted.get(sorted.size() - 1)));
    }

    static long pct(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String ms(long micros) {
        return String.format("%.2fms", micros / 1000.0);
    }
}
