package communecast.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import communecast.media.testing.TestMedia;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaDecoderTest {

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A relay waiting on a dead station must not keep an emergency's file from opening. */
    @Test
    void aStationThatNeverAnswersDoesNotHoldBackAFileFromOpening() throws Exception {
        Path file = TestMedia.tone(dir.resolve("bulletin.mp3"), Duration.ofSeconds(1), 440);
        try (ServerSocket station = new ServerSocket(0)) {
            // Accepts the connection and never says a word.
            // Threads of their own: the common pool may have a single worker here.
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return station.accept();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
                try (MediaDecoder ignored = MediaDecoder.openStream("http://127.0.0.1:" + station.getLocalPort() + "/vov1",
                        Duration.ofSeconds(8))) {
                    throw new IllegalStateException("a silent station was opened");
                } catch (IOException expected) {
                    // the stall time ran out
                }
            }, threads);
            try (Socket waiting = accepted.get()) {
                try (MediaDecoder decoder = MediaDecoder.open(file)) {
                    assertTrue(decoder.next().isPresent());
                }
                assertFalse(relay.isDone(), "the file opened while the station was still being waited for");
            }
            relay.get();
        }
    }

    @Test
    void aFileThatIsNotMediaFailsToOpenWithWhy() {
        IOException e = assertThrows(IOException.class, () -> MediaDecoder.open(TestMedia.textDisguisedAs(dir.resolve("x.mp3"))));
        assertTrue(!e.getMessage().isBlank(), e.toString());
    }
}
