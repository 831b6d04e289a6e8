package communecast.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The server's own settings; each maps from an environment variable (COMMUNECAST_DATA_DIR → data-dir).
 */
@ConfigurationProperties("communecast")
public record AppSettings(
        @Bindable(defaultValue = "./data") Path dataDir,
        @Bindable(defaultValue = "Asia/Ho_Chi_Minh") ZoneId timezone,
        @Nullable String adminPassword) {
}
