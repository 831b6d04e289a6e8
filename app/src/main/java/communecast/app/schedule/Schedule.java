package communecast.app.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** What a campaign asks to air: its date range (inclusive), days left out, and items with their rules. */
public record Schedule(LocalDate startDate, LocalDate endDate, Set<LocalDate> excludedDates, List<Item> items) {

    public record Item(long itemId, long mediaId, Rule rule) {
    }
}
