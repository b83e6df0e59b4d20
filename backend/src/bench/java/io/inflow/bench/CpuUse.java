package io.inflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time this JVM spent between two moments, in all and by kind of thread (a thread's name
 * without its numbers). On Linux the threads come from /proc, so the JVM's own (garbage collector,
 * JIT compilers) are named too, under the first 15 characters of their names; elsewhere only Java
 * threads are, and the JVM's own count with threads that ended meanwhile.
 */
final class CpuUse {
    private record Sample(String kind, long nanos) {}

    private static final Path TASKS = Path.of("/proc/self/task");
    /** /proc counts CPU time in clock ticks, 100 a second on every Linux the JVM runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final long process;
    private final Map<String, Sample> threads;

    private CpuUse(long process, Map<String, Sample> threads) {
        this.process = process;
        this.threads = threads;
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static CpuUse now() {
        return new CpuUse(processNanos(), Files.isDirectory(TASKS) ? fromProc() : fromThreadBean());
    }

    private static Map<String, Sample> fromProc() {
        Map<String, Sample> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(task -> {
                try {
                    // the name in stat sits in parentheses and may hold spaces: the fields after it count from its ")"
                    String stat = Files.readString(task.resolve("stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]); // utime, stime
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.put(task.getFileName().toString(), new Sample(kind(name), ticks * NANOS_PER_TICK));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return fromThreadBean();
        }
        return threads;
    }

    private static Map<String, Sample> fromThreadBean() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Map<String, Sample> threads = new HashMap<>();
        for (ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info != null) {
                long nanos = bean.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    threads.put(Long.toString(info.getThreadId()), new Sample(kind(info.getThreadName()), nanos));
                }
            }
        }
        return threads;
    }

    private static String kind(String threadName) {
        return threadName.replaceAll("[-#]?\\d+", "").strip();
    }

    /** The share of the CPU used since then that threads of this kind used; NaN when threads are not seen by kind. */
    double share(String kind, CpuUse before) {
        if (!Files.isDirectory(TASKS)) {
            return Double.NaN;
        }
        return (double) usedByKind(before).getOrDefault(kind, 0L) / Math.max(1, process - before.process);
    }

    /** "12.30 in all: kind 4.10, kind 2.00, …, threads that ended 1.20", kinds under 0.05 s left out. */
    String since(CpuUse before) {
        Map<String, Long> byKind = usedByKind(before);
        long listed = byKind.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format("%.2f in all:", (process - before.process) / 1e9));
        byKind.forEach((kind, nanos) -> {
            if (nanos >= 50_000_000L) {
                text.append(String.format(" %s %.2f,", kind, nanos / 1e9));
            }
        });
        return text.append(String.format(" threads that ended%s %.2f", Files.isDirectory(TASKS) ? "" : " and the JVM's own",
                Math.max(0, process - before.process - listed) / 1e9)).toString();
    }

    private Map<String, Long> usedByKind(CpuUse before) {
        Map<String, Long> byKind = new TreeMap<>();
        for (Map.Entry<String, Sample> t : threads.entrySet()) {
            Sample earlier = before.threads.get(t.getKey());
            byKind.merge(t.getValue().kind(), t.getValue().nanos() - (earlier == null ? 0 : earlier.nanos()), Long::sum);
        }
        return byKind;
    }
}
