import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
public class Bcrypt {
    public static void main(String[] a) {
        BCryptPasswordEncoder e = new BCryptPasswordEncoder();
        String hash = e.encode("bench");
        for (int i = 0; i < 5; i++) e.matches("bench", hash); // warm-up
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int n = 40;
        long cpu0 = bean.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        for (int i = 0; i < n; i++) e.matches("bench", hash);
        long cpu = bean.getCurrentThreadCpuTime() - cpu0, wall = System.nanoTime() - t0;
        System.out.printf("BCrypt strength 10 matches: %.1f ms CPU, %.1f ms wall per check (n=%d)%n", cpu / 1e6 / n, wall / 1e6 / n, n);
    }
}
