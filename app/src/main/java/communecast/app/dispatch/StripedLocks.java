package communecast.app.dispatch;

import java.util.stream.Stream;

/** A fixed set of monitors shared by key (a campaign, a device): bounded memory however many keys there are. */
final class StripedLocks {
    private final Object[] stripes = Stream.generate(Object::new).limit(64).toArray();

    Object of(long key) {
        return stripes[(int) Math.floorMod(key, (long) stripes.length)];
    }
}
