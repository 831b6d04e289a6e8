package communecast.agent.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void emergencyOutranksPriorityOutranksNormal() {
        assertTrue(Level.of("EMERGENCY").outranks(Level.of("PRIORITY")));
        assertTrue(Level.of("PRIORITY").outranks(Level.of("NORMAL")));
        assertFalse(Level.of("PRIORITY").outranks(Level.of("PRIORITY")));
    }

    @Test
    void anUnknownOrMissingLevelIsNormal() {
        assertEquals(Level.NORMAL, Level.of("FESTIVAL"));
        assertEquals(Level.NORMAL, Level.of(null));
    }
}
