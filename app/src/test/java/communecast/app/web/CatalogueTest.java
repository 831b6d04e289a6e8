package communecast.app.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal the server writes as one fixed sentence has its Vietnamese in the message catalogue: a new
 * {@code ApiException} without its line fails here. (Refusals built from numbers and names are checked by example in
 * {@link MessagesTest}.)
 */
class CatalogueTest {
    /** {@code ApiException.badRequest("CODE", "a sentence")}, {@code new ApiException(STATUS, "CODE", "a sentence")}…, not followed by {@code +}. */
    private static final Pattern REFUSAL = Pattern.compile(
            "ApiException(?:\\.\\w+)?\\(\\s*(?:HttpStatus\\.\\w+,\\s*)?(?:\"[A-Z_]+\",\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    @Test
    void everyFixedRefusalIsSaidInVietnamese() throws IOException {
        List<String> sentences = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = REFUSAL.matcher(Files.readString(source));
                while (m.find()) {
                    sentences.add(m.group(1).replace("\\\"", "\""));
                }
            }
        }
        assertTrue(sentences.size() > 40, "the sources were found and read: " + sentences.size());
        List<String> unsaid = sentences.stream().filter(s -> Arrays.stream(s.split("; ")).anyMatch(part -> Messages.vietnamese(part).equals(part)))
                .distinct().toList();
        assertEquals(List.of(), unsaid, "add a line to app/src/main/resources/i18n/messages.vi.tsv for each");
    }
}
