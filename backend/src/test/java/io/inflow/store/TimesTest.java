package io.inflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Times reads and writes the usual shapes by hand; java.time is the reference it must agree with. */
class TimesTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Provide
    Arbitrary<Instant> instants() {
        // years 0000 to 9999 and a little beyond both ends, every nanosecond
        return Arbitraries.longs().between(-62_200_000_000L, 253_500_000_000L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Property(tries = 3000)
    void formatsAsJavaTimeDoes(@ForAll("instants") Instant at) {
        assertThat(Times.format(at)).isEqualTo(REFERENCE.format(at.truncatedTo(ChronoUnit.MILLIS)));
    }

    @Property(tries = 3000)
    void readsWhatJavaTimeReads(@ForAll("instants") Instant at, @ForAll("fractionDigits") int digits) {
        String iso = DateTimeFormatter.ISO_INSTANT.format(at);
        String cut = cutFraction(iso, digits);
        assertThat(Times.parse(cut)).isEqualTo(Instant.parse(cut));
        assertThat(Times.parse(Times.format(at))).isEqualTo(at.truncatedTo(ChronoUnit.MILLIS));
    }

    @Provide
    Arbitrary<Integer> fractionDigits() {
        return Arbitraries.integers().between(0, 9);
    }

    @Property(tries = 3000)
    void refusesWhatJavaTimeRefuses(@ForAll("nearlyInstants") String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Times.parse(text)).isEqualTo(expected);
    }

    /** Valid instants with one character replaced by a digit or a separator: invalid months, days, hours and shapes. */
    @Provide
    Arbitrary<String> nearlyInstants() {
        return Arbitraries.of("2026-11-23T12:34:56.789Z", "2024-02-29T23:59:59Z", "2025-02-28T00:00:00.1Z", "1999-12-31T23:59:59.123456789Z")
                .flatMap(s -> Arbitraries.integers().between(0, s.length() - 1)
                        .flatMap(i -> Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', 'T', 'Z', 'z', '+', ' ')
                                .map(ch -> s.substring(0, i) + ch + s.substring(i + 1))));
    }

    @Example
    void leavesOddShapesToJavaTime() {
        // java.time's lenient readings (midnight as 24:00, a leap second, an offset, a five-digit year, a bare dot) stay java.time's
        for (String odd : new String[] {"2026-11-23T24:00:00Z", "2016-12-31T23:59:60Z",
                "2026-11-23T12:00:00+01:00", "+12026-11-23T12:00:00Z", "2026-11-23T12:00:00.Z"}) {
            assertThat(Times.parse(odd)).as(odd).isEqualTo(Instant.parse(odd));
        }
        for (String bad : new String[] {"2026-13-01T12:00:00Z", "2025-02-29T00:00:00Z", "2026-04-31T00:00:00.000Z"}) {
            assertThatThrownBy(() -> Times.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
        assertThat(Times.parse(null)).isNull();
    }

    private static String cutFraction(String iso, int digits) {
        int dot = iso.indexOf('.');
        String whole = dot < 0 ? iso.substring(0, iso.length() - 1) : iso.substring(0, dot);
        String fraction = dot < 0 ? "" : iso.substring(dot + 1, iso.length() - 1);
        fraction = (fraction + "000000000").substring(0, digits);
        return whole + (digits == 0 ? "" : "." + fraction) + "Z";
    }
}
