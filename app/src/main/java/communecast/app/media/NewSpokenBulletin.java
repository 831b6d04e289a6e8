package communecast.app.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Một bản tin từ văn bản: {@code {title, text, voice?, rate?}}; voice NORTH (giọng Bắc, the default), CENTRAL or SOUTH,
 * rate 0.5–2.0 (1.0 the engine's usual pace).
 */
@Serdeable
public record NewSpokenBulletin(@Nullable String title, @Nullable String text, @Nullable String voice, @Nullable Double rate) {
}
