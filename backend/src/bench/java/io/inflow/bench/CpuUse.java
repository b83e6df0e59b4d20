package io.inflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time this JVM spent between two moments, in all and by kind of thread (a thread's name
 * without its numbers). What no live thread accounts for is the JVM's own threads (JIT compilers,
 * garbage collector) and threads that ended meanwhile.
 */
final class CpuUse {
    private record Sample(String kind, long nanos) {}

    private final long process;
    private final Map<Long, Sample> threads;

    private CpuUse(long process, Map<Long, Sample> threads) {
        this.process = process;
        this.threads = threads;
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static CpuUse now() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<Long, Sample> threads = new HashMap<>();
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null) {
                long nanos = bean.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    threads.put(info.getThreadId(), new Sample(info.getThreadName().replaceAll("[-#]?\\d+", ""), nanos));
                }
            }
        }
        return new CpuUse(processNanos(), threads);
    }

    /** "12.30 in all: kind 4.10, kind 2.00, …, JVM (JIT, GC) and ended threads 1.20", kinds under 0.05 s left out. */
    String since(CpuUse before) {
        Map<String, Long> byKind = new TreeMap<>();
        long listed = 0;
        for (Map.Entry<Long, Sample> t : threads.entrySet()) {
            Sample earlier = before.threads.get(t.getKey());
            long used = t.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
            byKind.merge(t.getValue().kind(), used, Long::sum);
            listed += used;
        }
        StringBuilder text = new StringBuilder(String.format("%.2f in all:", (process - before.process) / 1e9));
        byKind.forEach((kind, nanos) -> {
            if (nanos >= 50_000_000L) {
                text.append(String.format(" %s %.2f,", kind, nanos / 1e9));
            }
        });
        return text.append(String.format(" JVM (JIT, GC) and ended threads %.2f", (process - before.process - listed) / 1e9)).toString();
    }
}
