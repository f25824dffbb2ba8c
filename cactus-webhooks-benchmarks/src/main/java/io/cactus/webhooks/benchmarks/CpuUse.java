package io.cactus.webhooks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of the process and of each thread group (thread names without their numbers), to see
 * where the work goes and whether one thread is the bottleneck. Threads that ended between two
 * snapshots are missing from the per-thread figures.
 */
record CpuUse(long processNanos, Map<String, Long> threadNanos) {

    static CpuUse now() {
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byThread = new TreeMap<>();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                byThread.put(infos[i].getThreadName() + "#" + ids[i], cpu);
            }
        }
        return new CpuUse(process, byThread);
    }

    CpuUse minus(CpuUse before) {
        Map<String, Long> diff = new TreeMap<>();
        threadNanos.forEach((k, v) -> diff.put(k, v - before.threadNanos.getOrDefault(k, 0L)));
        return new CpuUse(processNanos - before.processNanos, diff);
    }

    /** "group 1.23 s, ..." for groups over 1 % of the process's CPU, largest first. */
    String byThreadGroup() {
        Map<String, Long> groups = new TreeMap<>();
        threadNanos.forEach((k, v) -> groups.merge(k.substring(0, k.indexOf('#')).replaceAll("[-\\s]*\\d+$", ""), v,
                Long::sum));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "process %.2f s", processNanos / 1e9));
        groups.entrySet().stream().filter(e -> e.getValue() > processNanos / 100)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, ", %s %.2f s", e.getKey(), e.getValue() / 1e9)));
        return sb.toString();
    }
}
