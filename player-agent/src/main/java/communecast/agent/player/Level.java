package communecast.agent.player;

/** An order's level, lowest first: a play cuts only a play of a lower level. */
enum Level {
    NORMAL, PRIORITY, EMERGENCY;

    /** A level this agent does not know (a newer server's) counts as NORMAL. */
    static Level of(String name) {
        for (Level level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        return NORMAL;
    }

    boolean outranks(Level other) {
        return compareTo(other) > 0;
    }
}
