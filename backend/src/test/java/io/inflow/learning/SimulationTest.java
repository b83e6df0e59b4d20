package io.inflow.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void spacedScheduleKeepsMostOfEveryVisitsRecallForAFractionOfTheTime() {
        List<Simulation.Result> results = new Simulation().run(100, 7);
        System.out.print(Simulation.table(results));
        Simulation.Result inflow = results.get(0);
        Simulation.Result everyVisit = results.get(1);
        Simulation.Result once = results.get(2);
        assertThat(inflow.strategy()).isEqualTo(Simulation.Strategy.INFLOW);
        assertThat(everyVisit.recallAtDay90()).isGreaterThan(inflow.recallAtDay90());
        assertThat(inflow.recallAtDay90()).isGreaterThan(0.9).isGreaterThan(once.recallAtDay90() + 0.3);
        assertThat(inflow.minutesPerLearner()).isLessThan(everyVisit.minutesPerLearner() / 10).isGreaterThan(once.minutesPerLearner());
        assertThat(inflow.minutesPerLearner() / (Simulation.DAYS / 5.0)).as("minutes per week within the default target")
                .isLessThan(Budget.DEFAULT.weeklyMinutesTarget());
    }

    @Test
    void workingDaysSkipWeekends() {
        List<java.time.LocalDate> days = Simulation.workingDays(java.time.LocalDate.of(2026, 11, 20), 3); // a Friday
        assertThat(days).extracting(Object::toString).containsExactly("2026-11-20", "2026-11-23", "2026-11-24");
    }
}
