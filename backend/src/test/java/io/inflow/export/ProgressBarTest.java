package io.inflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void fillsInProportionAndShowsTheRowCount() {
        assertThat(ProgressBar.line(0, 10_000)).isEqualTo("[..............................]   0%  0 / 10,000 rows");
        assertThat(ProgressBar.line(3_000, 10_000)).isEqualTo("[#########.....................]  30%  3,000 / 10,000 rows");
        assertThat(ProgressBar.line(10_000, 10_000)).isEqualTo("[##############################] 100%  10,000 / 10,000 rows");
        assertThat(ProgressBar.line(10_500, 10_000)).startsWith("[##############################] 100%");
        assertThat(ProgressBar.line(1_234, 0)).isEqualTo("1,234 rows");
    }
}
