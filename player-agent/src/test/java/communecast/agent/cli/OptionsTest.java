package communecast.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.agent.ServerAddress;
import communecast.agent.player.PlayHooks;
import communecast.agent.player.Screen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheContractCommandLine() throws Exception {
        Options options = Options.parse(new String[] {
            "--server", "http://127.0.0.1:8080", "--data-dir", "/tmp/a", "--enroll", "K7Q2-9XMP", "--output", "null",
            "--cache-max-mb", "500"});

        assertEquals(new Options(servers("http://127.0.0.1:8080"), Path.of("/tmp/a"), "K7Q2-9XMP", true, 500,
                PlayHooks.Settings.none(), new Screen.Settings(null, null), 0, Duration.ofSeconds(30)), options);
    }

    @Test
    void readsTheLedWindowAndTheSimulation() throws Exception {
        Options options = Options.parse(new String[] {"--server", "http://127.0.0.1:8080", "--data-dir", "/tmp/a",
            "--window", "1920,0,384,192", "--simulate", "1000"});

        assertEquals(new java.awt.Rectangle(1920, 0, 384, 192), options.screen().bounds());
        assertEquals(1000, options.simulate());
        Options.UsageException bad = org.junit.jupiter.api.Assertions.assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[] {"--server", "http://h", "--data-dir", "/tmp/a", "--window", "0,0,0,192"}));
        assertEquals("--window takes X,Y,WIDTH,HEIGHT in pixels (width and height above 0), not 0,0,0,192", bad.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[] {"--server", "http://h", "--data-dir", "/tmp/a", "--simulate", "0"}));
        org.junit.jupiter.api.Assertions.assertThrows(Options.UsageException.class,
                () -> Options.parse(new String[] {"--server", "http://h", "--data-dir", "/tmp/a", "--idle-picture", "/no/such.png"}));
    }

    @Test
    void takesSeveralServersSeparatedByCommasInTheirOrderEachOnce() throws Exception {
        Options options = Options.parse(new String[] {"--server", "http://10.0.0.5:8080, https://10.0.0.6/,http://10.0.0.5:8080/",
            "--data-dir", "/tmp/a"});

        assertEquals(servers("http://10.0.0.5:8080", "https://10.0.0.6"), options.servers());
        assertEquals("--server must be an http:// or https:// URL, not 10.0.0.6:8080",
                message("--server", "http://10.0.0.5:8080,10.0.0.6:8080", "--data-dir", "d"));
        assertEquals("--server has an empty entry (two commas in a row, or one at an end): http://a,,http://b",
                message("--server", "http://a,,http://b", "--data-dir", "d"));
        assertEquals("--server must be an http:// or https:// URL, not http://",
                message("--server", "http://a,http://", "--data-dir", "d"));
    }

    @Test
    void aConfigFileMayListSeveralServersAndAnOldOneWithOneStillReads() throws Exception {
        Path two = write("two.properties", "server=http://10.0.0.5:8080,http://10.0.0.6:8080\n"
                + "data-dir=/var/lib/communecast-agent\n");
        Path one = write("one.properties", "server=http://x\ndata-dir=/var/lib/communecast-agent\n");
        Path bad = write("bad.properties", "server=http://10.0.0.5:8080,\ndata-dir=/d\n");

        assertEquals(servers("http://10.0.0.5:8080", "http://10.0.0.6:8080"),
                Options.parse(new String[] {"--config", two.toString()}).servers());
        assertEquals(servers("http://x"), Options.parse(new String[] {"--config", one.toString()}).servers());
        assertEquals("server in " + bad + " has an empty entry (two commas in a row, or one at an end): "
                + "http://10.0.0.5:8080,", message("--config", bad.toString()));
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
        assertEquals("--before-play-lead-seconds takes a whole number of seconds from 0 to 3600, not 3601",
                message("--server", "http://x", "--data-dir", "d", "--before-play-lead-seconds", "3601"));
        assertTrue(message("--server", "http://x", "--data-dir", "d", "--before-play-lead-seconds", "-1")
                .startsWith("--before-play-lead-seconds"));
    }

    @Test
    void playHooksAreProgramsWithArgumentsSplitOnSpacesNeverAShellLine() throws Exception {
        Options options = Options.parse(new String[] {"--server", "http://x", "--data-dir", "d",
            "--before-play", " /usr/local/bin/relay  on 1 ", "--before-play-lead-seconds", "8",
            "--after-play", "/usr/local/bin/relay off;reboot $HOME"});

        PlayHooks.Settings hooks = options.hooks();
        assertEquals(List.of("/usr/local/bin/relay", "on", "1"), hooks.beforePlay());
        assertEquals(Duration.ofSeconds(8), hooks.lead());
        assertEquals(List.of("/usr/local/bin/relay", "off;reboot", "$HOME"), hooks.afterPlay());
        assertEquals(Duration.ofSeconds(10), hooks.timeout());
    }

    @Test
    void theHooksLeadFiveSecondsUnlessToldOtherwise() throws Exception {
        Options options = Options.parse(new String[] {"--server", "http://x", "--data-dir", "d", "--after-play", "o"});

        assertEquals(new PlayHooks.Settings(List.of(), Duration.ofSeconds(5), List.of("o"), Duration.ofSeconds(10)),
                options.hooks());
    }

    @Test
    void aConfigFileGivesEverySettingByTheFlagsNames() throws Exception {
        Path file = write("agent.properties", """
                # a radio PC
                server = http://10.0.0.5:8080
                data-dir=/var/lib/communecast-agent
                enroll=K7Q2-9XMP
                output=null
                cache-max-mb=500
                before-play=/usr/local/bin/relay on
                before-play-lead-seconds=8
                after-play=/usr/local/bin/relay off
                """);

        assertEquals(new Options(servers("http://10.0.0.5:8080"), Path.of("/var/lib/communecast-agent"), "K7Q2-9XMP", true, 500,
                PlayHooks.Settings.of("/usr/local/bin/relay on", Duration.ofSeconds(8), "/usr/local/bin/relay off"),
                new Screen.Settings(null, null), 0, Duration.ofSeconds(30)),
                Options.parse(new String[] {"--config", file.toString()}));
    }

    @Test
    void flagsOnTheCommandLineWinOverTheFile() throws Exception {
        Path file = write("agent.properties", """
                server=http://10.0.0.5:8080
                data-dir=/var/lib/communecast-agent
                cache-max-mb=500
                before-play=/usr/local/bin/relay on
                """);

        Options options = Options.parse(new String[] {"--cache-max-mb", "100", "--config", file.toString(),
            "--server", "https://radio.example.vn", "--before-play", ""});

        assertEquals(servers("https://radio.example.vn"), options.servers());
        assertEquals(100, options.cacheMaxMb());
        assertEquals(Path.of("/var/lib/communecast-agent"), options.dataDir());
        assertEquals(List.of(), options.hooks().beforePlay(), "an empty flag turns the file's hook off");
    }

    @Test
    void emptyKeysCountAsNotSetAndWindowsFilesReadAsWell() throws Exception {
        Path file = dir.resolve("notepad.properties");
        // UTF-8 with a byte order mark and CRLF, as older Notepad saves; backslashes doubled, as properties need.
        Files.write(file, ("\uFEFFserver=http://10.0.0.5:8080\r\ndata-dir=C:\\\\ProgramData\\\\CommuneCast\r\n"
                + "enroll=\r\nafter-play=\r\n").getBytes(StandardCharsets.UTF_8));

        Options options = Options.parse(new String[] {"--config", file.toString()});

        assertEquals(servers("http://10.0.0.5:8080"), options.servers());
        assertEquals(Path.of("C:\\ProgramData\\CommuneCast"), options.dataDir());
        assertEquals(null, options.enrollCode());
        assertTrue(options.hooks().isEmpty());
    }

    @Test
    void saysWhatIsWrongWithTheConfigFile() throws Exception {
        Path missing = dir.resolve("missing.properties");
        assertEquals("config file " + missing + " does not exist", message("--config", missing.toString()));
        assertEquals("missing value after --config", message("--config"));

        Path typo = write("typo.properties", "server=http://x\ndata_dir=/d\n");
        assertEquals("unknown key data_dir in " + typo + " (known: server, data-dir, enroll, output, cache-max-mb, "
                + "before-play, before-play-lead-seconds, after-play, window, idle-picture, simulate, dead-air-seconds)", message("--config", typo.toString()));

        Path bad = write("bad.properties", "server=http://x\ndata-dir=/d\ncache-max-mb=2GB\n");
        assertEquals("cache-max-mb in " + bad + " takes a whole number of megabytes above 0, not 2GB",
                message("--config", bad.toString()));
        Path noScheme = write("no-scheme.properties", "server=10.0.0.5\ndata-dir=/d\n");
        assertEquals("server in " + noScheme + " must be an http:// or https:// URL, not 10.0.0.5",
                message("--config", noScheme.toString()));

        Path noServer = write("no-server.properties", "data-dir=/d\n");
        assertEquals("--server is required (or server in " + noServer + ")", message("--config", noServer.toString()));

        Path latin1 = dir.resolve("latin1.properties");
        Files.write(latin1, "server=http://x\ndata-dir=/d\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("config file " + latin1 + " is not UTF-8 text", message("--config", latin1.toString()));

        assertTrue(message("--config", dir.toString()).startsWith("config file " + dir + " cannot be read"));
    }

    private static List<ServerAddress> servers(String... bases) {
        return Stream.of(bases).map(ServerAddress::new).toList();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String message(String... args) {
        return assertThrows(Options.UsageException.class, () -> Options.parse(args)).getMessage();
    }
}
