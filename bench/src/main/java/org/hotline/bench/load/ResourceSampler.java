package org.hotline.bench.load;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples this process's CPU load and heap once a second while a load run lasts. */
final class ResourceSampler implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("load-sampler").daemon(true).factory());
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private double cpuSum;
    private double cpuMax;
    private int cpuSamples;
    private long heapMax;
    private long cpuNanosAtStart;

    void start() {
        cpuNanosAtStart = os.getProcessCpuTime();
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double cpu = os.getProcessCpuLoad();
        if (cpu >= 0) {
            cpuSum += cpu;
            cpuMax = Math.max(cpuMax, cpu);
            cpuSamples++;
        }
        heapMax = Math.max(heapMax, memory.getHeapMemoryUsage().getUsed());
    }

    /** The process's CPU time since {@link #start}, per call, which compares runs better than the sampled load. */
    synchronized String cpuPerCall(long calls) {
        double seconds = (os.getProcessCpuTime() - cpuNanosAtStart) / 1e9;
        return String.format("process CPU time %.1f s, %.2f ms per call placed", seconds,
                calls == 0 ? 0 : 1000 * seconds / calls);
    }

    synchronized String summary() {
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("process CPU avg %.0f%% max %.0f%% of %d cores; heap used max %d MiB (of %d MiB max)",
                cpuSamples == 0 ? 0 : 100 * cpuSum / cpuSamples, 100 * cpuMax, cores, heapMax >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
