package communecast.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void readsTheContractCommandLine() throws Exception {
        Options options = Options.parse(new String[] {
            "--server", "http://127.0.0.1:8080", "--data-dir", "/tmp/a", "--enroll", "K7Q2-9XMP", "--output", "null",
            "--cache-max-mb", "500"});

        assertEquals(new Options("http://127.0.0.1:8080", Path.of("/tmp/a"), "K7Q2-9XMP", true, 500), options);
    }

    @Test
    void theCacheMayTakeTwoGigabytesUnlessToldOtherwise() throws Exception {
        Options options = Options.parse(new String[] {"--server", "http://127.0.0.1:8080", "--data-dir", "/tmp/a"});

        assertEquals(2048, options.cacheMaxMb());
    }

    @Test
    void saysWhatIsMissingOrWrong() {
        assertEquals("--data-dir is required", message("--server", "http://x"));
        assertEquals("--server is required", message("--data-dir", "d"));
        assertEquals("missing value after --server", message("--server"));
        assertTrue(message("--server", "http://x", "--data-dir", "d", "--output", "hdmi").startsWith("--output"));
        assertEquals("unknown option --speed", message("--speed", "2"));
        assertEquals("--cache-max-mb takes a whole number of megabytes above 0, not 0",
                message("--server", "http://x", "--data-dir", "d", "--cache-max-mb", "0"));
        assertTrue(message("--server", "http://x", "--data-dir", "d", "--cache-max-mb", "2GB").startsWith("--cache"));
    }

    private static String message(String... args) {
        return assertThrows(Options.UsageException.class, () -> Options.parse(args)).getMessage();
    }
}
