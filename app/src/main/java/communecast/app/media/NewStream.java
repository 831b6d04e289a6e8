package communecast.app.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Tiếp sóng: {@code {title, url, minutes}}; then a campaign item names it like any media. */
@Serdeable
public record NewStream(@Nullable String title, @Nullable String url, @Nullable Integer minutes) {
}
