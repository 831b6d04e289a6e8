package communecast.app.area;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.LocalTime;

/** {@code communecast.quiet-hours.from/to}: loudspeakers' quiet hours where no area sets its own. */
@ConfigurationProperties("communecast.quiet-hours")
record QuietHoursDefault(@Bindable(defaultValue = "22:00") LocalTime from, @Bindable(defaultValue = "05:00") LocalTime to) {
}
