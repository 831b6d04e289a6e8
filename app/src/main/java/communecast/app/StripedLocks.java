package communecast.app;

import java.util.stream.Stream;

/** A fixed set of monitors shared by key (a campaign, a device): bounded memory however many keys there are. */
public final class StripedLocks {
    private final Object[] stripes = Stream.generate(Object::new).limit(64).toArray();

    public Object of(long key) {
        return stripes[(int) Math.floorMod(key, (long) stripes.length)];
    }
}
