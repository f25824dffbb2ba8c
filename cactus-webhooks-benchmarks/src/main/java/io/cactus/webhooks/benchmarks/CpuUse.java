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
record CpuUse(long processNanos, Map<String, Long> threadNanos, long childNanos) {

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
        return new CpuUse(process, byThread, childProcessesNanos());
    }

    /**
     * CPU of this JVM's child processes (an embedded PostgreSQL server and its backends), read from
     * /proc: utime + stime of the living ones plus cutime + cstime of what they reaped. 0 where
     * /proc is missing.
     */
    static long childProcessesNanos() {
        long ticks = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (java.io.IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    CpuUse minus(CpuUse before) {
        Map<String, Long> diff = new TreeMap<>();
        threadNanos.forEach((k, v) -> diff.put(k, v - before.threadNanos.getOrDefault(k, 0L)));
        return new CpuUse(processNanos - before.processNanos, diff, childNanos - before.childNanos);
    }

    /** "group 1.23 s, ..." for groups over 1 % of the process's CPU, largest first. */
    String byThreadGroup() {
        Map<String, Long> groups = new TreeMap<>();
        threadNanos.forEach((k, v) -> groups.merge(k.substring(0, k.indexOf('#')).replaceAll("[-\\s]*\\d+$", ""), v,
                Long::sum));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "process %.2f s, child processes %.2f s",
                processNanos / 1e9, childNanos / 1e9));
        groups.entrySet().stream().filter(e -> e.getValue() > processNanos / 100)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sb.append(String.format(Locale.ROOT, ", %s %.2f s", e.getKey(), e.getValue() / 1e9)));
        return sb.toString();
    }
}
