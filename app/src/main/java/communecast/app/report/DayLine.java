package communecast.app.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import communecast.app.playlog.Tally;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** One day's plays (in the configured zone). */
@Serdeable
record DayLine(LocalDate day, @JsonUnwrapped Figures figures) {

    /** Per day that has plays, in date order. */
    static List<DayLine> of(Collection<Tally> tallies) {
        return new TreeMap<>(Counts.by(tallies, Tally::day)).entrySet().stream()
                .map(e -> new DayLine(e.getKey(), e.getValue().figures())).toList();
    }
}
