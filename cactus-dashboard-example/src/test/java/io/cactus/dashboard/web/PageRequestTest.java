package io.cactus.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

    @Test
    void absentValuesAreTheFirstPageOfTheDefaultSize() {
        assertThat(PageRequest.parse(null, " ")).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
        assertThat(PageRequest.parse("3", "50").offset()).isEqualTo(150);
    }

    @Test
    void theLastPageThatFitsAnIntIsAccepted() {
        PageRequest last = PageRequest.parse(String.valueOf(Integer.MAX_VALUE), "1");
        assertThat(last.offset()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void countsPages() {
        PageRequest first = new PageRequest(0, 20);
        assertThat(first.pageCount(0)).isEqualTo(1);
        assertThat(first.pageCount(20)).isEqualTo(1);
        assertThat(first.pageCount(10_000)).isEqualTo(500);
        assertThat(first.hasNext(20)).isFalse();
        assertThat(first.hasNext(21)).isTrue();
        assertThat(new PageRequest(Integer.MAX_VALUE / 200, 200).hasNext(Long.MAX_VALUE)).isTrue();
    }

    @ParameterizedTest(name = "page={0} size={1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "-1 | null | page | page must be 0 or more, was -1",
            "2147483647 | null | page | page is too large: page 2147483647 of 20 rows would start after row 2147483647",
            "107374183 | 20 | page | page is too large",
            "2147483648 | null | page | page is too large, was 2147483648",
            "99999999999999999999999 | null | page | page is too large, was 99999999999999999999...",
            "-99999999999 | null | page | page must be 0 or more, was -99999999999",
            "abc | null | page | page must be a whole number",
            "1.5 | null | page | page must be a whole number",
            "0x10 | null | page | page must be a whole number",
            "null | 0 | size | size must be 1 to 200, was 0",
            "null | -3 | size | size must be 1 to 200, was -3",
            "null | 201 | size | size must be 1 to 200, was 201",
            "null | 2147483648 | size | size is too large, was 2147483648",
            "null | many | size | size must be a whole number"})
    void refusesValuesOutOfRangeNamingTheParameter(String page, String size, String field, String message) {
        assertThatThrownBy(() -> PageRequest.parse(page, size))
                .isInstanceOfSatisfying(PageRequest.InvalidPageException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }
}
