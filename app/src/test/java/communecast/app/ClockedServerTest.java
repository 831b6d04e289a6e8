package communecast.app;

import jakarta.inject.Inject;

import java.util.Map;

/** A live server whose clock the test moves ahead ({@link TestClock}) where only time would pass. */
public abstract class ClockedServerTest extends LiveServerTest {
    @Inject
    protected TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = super.getProperties();
        p.put("communecast.test-clock", "true");
        return p;
    }
}
