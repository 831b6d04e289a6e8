package communecast.app.emergency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** CONTRACT.md, plus {@code repeat} (default 1), {@code validMinutes} (default 15) and a {@code title}. */
@Serdeable
public record NewEmergency(@Nullable Long mediaId, @Nullable List<Long> areaIds, @Nullable List<Long> deviceIds,
                           @Nullable Integer repeat, @Nullable Integer validMinutes, @Nullable String title) {
}
