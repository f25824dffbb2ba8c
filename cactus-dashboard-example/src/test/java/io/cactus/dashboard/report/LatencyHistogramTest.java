package io.cactus.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nearestRankOfAHundredValuesIsTheValueAtThatRank() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 100; i >= 1; i--) {
            h.add(i);
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(95)).isEqualTo(95);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.percentile(1)).isEqualTo(1);
    }

    @Test
    void ranksRoundUpAndRepeatedValuesCountEachTime() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : new long[] {10, 20, 20, 20, 1000}) {
            h.add(v);
        }
        // n = 5: p50 rank ceil(2.5) = 3 -> 20; p95 rank ceil(4.75) = 5 -> 1000; p20 rank 1 -> 10; p21 rank 2 -> 20
        assertThat(h.percentile(50)).isEqualTo(20);
        assertThat(h.percentile(95)).isEqualTo(1000);
        assertThat(h.percentile(20)).isEqualTo(10);
        assertThat(h.percentile(21)).isEqualTo(20);
    }

    @Test
    void emptyIsZeroAndMergingAddsCounts() {
        LatencyHistogram empty = new LatencyHistogram();
        assertThat(empty.percentile(99)).isZero();
        LatencyHistogram a = new LatencyHistogram();
        a.add(5);
        LatencyHistogram b = new LatencyHistogram();
        b.add(7);
        b.add(7);
        a.addAll(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentile(34)).isEqualTo(7); // rank ceil(1.02) = 2
        assertThat(a.percentile(33)).isEqualTo(5); // rank ceil(0.99) = 1
        assertThatThrownBy(() -> a.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
