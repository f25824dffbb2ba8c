package io.cactus.dashboard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IsoWeekTest {

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void parsesAWeekAsMondayToMondayUtc() {
        IsoWeek w48 = IsoWeek.parse("2026-W48", at("2026-12-01T10:00:00Z"));
        assertThat(w48.monday()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(w48.start()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(w48.end()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(w48.toString()).isEqualTo("2026-W48");
        assertThat(w48.contains(Instant.parse("2026-11-23T00:00:00Z"))).isTrue();
        assertThat(w48.contains(Instant.parse("2026-11-29T23:59:59.999999Z"))).isTrue();
        assertThat(w48.contains(Instant.parse("2026-11-30T00:00:00Z"))).isFalse();
        assertThat(w48.days()).hasSize(7).first().isEqualTo(LocalDate.parse("2026-11-23"));
    }

    @Test
    void weeksBelongToTheYearOfTheirThursday() {
        Clock clock = at("2026-06-01T00:00:00Z");
        assertThat(IsoWeek.parse("2026-W01", clock).monday()).isEqualTo(LocalDate.parse("2025-12-29"));
        assertThat(IsoWeek.parse("2026-W53", clock).monday()).isEqualTo(LocalDate.parse("2026-12-28"));
        assertThat(IsoWeek.of(LocalDate.parse("2027-01-03")).toString()).isEqualTo("2026-W53");
        assertThat(IsoWeek.parse("2020-W53", clock).toString()).isEqualTo("2020-W53");
    }

    @Test
    void withoutAWeekTheLastCompleteOne() {
        assertThat(IsoWeek.parse(null, at("2026-12-01T10:00:00Z")).toString()).isEqualTo("2026-W48");
        assertThat(IsoWeek.parse(" ", at("2026-11-30T00:00:00Z")).toString()).isEqualTo("2026-W48");
        assertThat(IsoWeek.lastComplete(at("2026-11-29T23:59:59Z")).toString()).isEqualTo("2026-W47");
    }

    @Test
    void refusesWhatIsNotAWeekNamingTheParameter() {
        Clock clock = at("2026-06-01T00:00:00Z");
        for (String bad : new String[] {"2026-48", "2026-W4", "W48", "2026-W48x", "<script>", "2026-w48"}) {
            assertThatThrownBy(() -> IsoWeek.parse(bad, clock)).as(bad)
                    .isInstanceOf(IsoWeek.InvalidWeekException.class)
                    .hasMessage("week must be an ISO week such as 2026-W48")
                    .satisfies(e -> assertThat(((IsoWeek.InvalidWeekException) e).field()).isEqualTo("week"));
        }
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53", clock))
                .hasMessage("week 2025-W53 does not exist: 2025 has weeks 01 to 52");
        assertThatThrownBy(() -> IsoWeek.parse("2026-W00", clock))
                .hasMessage("week 2026-W00 does not exist: 2026 has weeks 01 to 53");
        assertThatThrownBy(() -> new IsoWeek(LocalDate.parse("2026-11-24")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("monday");
    }
}
