package communecast.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    /** FIPS 180-2's first example. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void bytesGiveTheKnownDigest() {
        assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
    }

    @Test
    void aFileGivesTheDigestOfItsBytes(@TempDir Path dir) throws Exception {
        assertEquals(ABC, Sha256.hex(Files.writeString(dir.resolve("abc.txt"), "abc")));

        // Several read buffers long, with a partial one at the end.
        byte[] data = new byte[300_001];
        new Random(7).nextBytes(data);
        assertEquals(Sha256.hex(data), Sha256.hex(Files.write(dir.resolve("data.bin"), data)));
    }
}
