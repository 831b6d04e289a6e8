package communecast.app.media;

import communecast.media.audio.AudioRenditionSpec;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code communecast.media.*}: how many files are processed at once (FFmpeg takes a core each; the API
 * must stay responsive on 2 cores), the longest file accepted, and the broadcast audio every loudspeaker gets.
 */
@ConfigurationProperties("communecast.media")
public record MediaSettings(
        @Bindable(defaultValue = "1") int workers,
        @Bindable(defaultValue = "-16") double targetLufs,
        @Bindable(defaultValue = "-1.5") double maxTruePeakDbtp,
        @Bindable(defaultValue = "1") int audioChannels,
        @Bindable(defaultValue = "128") int audioBitrateKbps,
        @Bindable(defaultValue = "4h") Duration maxDuration) {

    AudioRenditionSpec audio() {
        return new AudioRenditionSpec(targetLufs, maxTruePeakDbtp, audioChannels, 44_100, audioBitrateKbps);
    }
}
