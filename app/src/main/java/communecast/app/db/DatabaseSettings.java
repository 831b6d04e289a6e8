package communecast.app.db;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * {@code datasources.default.*} as Micronaut users know it (DATASOURCES_DEFAULT_URL...); no URL means the
 * embedded MariaDB. {@code embeddedBaseDir} lets tests share one unpacked copy of the MariaDB binaries.
 */
@ConfigurationProperties("datasources.default")
record DatabaseSettings(
        @Nullable String url,
        @Bindable(defaultValue = "root") String username,
        @Bindable(defaultValue = "") String password,
        @Bindable(defaultValue = "10") int maximumPoolSize,
        @Nullable Path embeddedBaseDir) {

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
