package communecast.app.media;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /api/media/{id}}: the item, what was made of it, and where its pictures are. */
@Serdeable
record MediaDetails(@JsonUnwrapped MediaItem item, List<Rendition> renditions, @Nullable String posterUrl,
                    @Nullable String waveformUrl) {

    static MediaDetails of(MediaItem item, List<Rendition> renditions) {
        String base = "/api/media/" + item.id();
        return new MediaDetails(item, renditions,
                item.posterSha256() == null ? null : base + "/poster.png",
                item.waveformSha256() == null ? null : base + "/waveform.png");
    }
}
