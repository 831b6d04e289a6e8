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
 * Every refusal the server writes has its Vietnamese in the message catalogue: a new {@code ApiException} without its
 * line fails here. The message is read from the source: a fixed sentence as it is; one built from names and numbers
 * ({@code "device " + id + " is retired"}) with sample values in its gaps; each branch of a {@code ? :} apart; a local
 * {@code String what = …} as what it holds.
 * {@link MessagesTest} shows what the pages then say.
 */
class CatalogueTest {
    /** The ApiException factories and constructor; a file's own helpers ({@code bad(String message)}) are found in it. */
    private static final List<String> CALLS = List.of("ApiException.badRequest(", "ApiException.forbidden(", "ApiException.conflict(",
            "ApiException.busy(", "ApiException.tooMany(", "new ApiException(");
    private static final Pattern HELPER = Pattern.compile("ApiException (\\w+)\\([^)]*String message\\)");
    /** {@code notFound(what, id)} says "what id does not exist". */
    private static final String NOT_FOUND = "ApiException.notFound(";
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** What a gap may hold: a number, a word, a name, a day, an instant, a list, nothing (an optional ": reason"). */
    private static final List<String> SAMPLES = List.of("7", "x", "Xã A", "2026-03-15", "2026-03-15T06:30:00", "[NORMAL, PRIORITY]", "");

    @Test
    void everyRefusalIsSaidInVietnamese() throws IOException {
        List<String> unsaid = new ArrayList<>();
        int messages = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            // ApiException's own factories are read at their callers.
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.endsWith("ApiException.java")).toList()) {
                for (List<List<String>> pieces : messages(Files.readString(source))) {
                    messages++;
                    if (!saidWithSomeSample(pieces, 0, new StringBuilder())) {
                        unsaid.add(source.getFileName() + ": " + pieces.stream().map(p -> p == SAMPLES ? "…" : String.join("|", p)).toList());
                    }
                }
            }
        }
        assertTrue(messages > 140, "the sources were found and read: " + messages);
        assertEquals(List.of(), unsaid, "add a line to app/src/main/resources/i18n/messages.vi.tsv for each (… is a value)");
    }

    /** Each refusal's message in {@code code}, as pieces, each the texts it may be. */
    private static List<List<List<String>>> messages(String code) {
        List<String> calls = new ArrayList<>(CALLS);
        Matcher helper = HELPER.matcher(code);
        while (helper.find()) {
            calls.add(helper.group(1) + "(");
        }
        List<List<List<String>>> messages = new ArrayList<>();
        for (int at = code.indexOf(NOT_FOUND); at >= 0; at = code.indexOf(NOT_FOUND, at + 1)) {
            List<String> args = split(code, at + NOT_FOUND.length(), ',');
            for (String what : branches(declared(code, args.get(0)))) {
                messages.add(pieces(code, what + " + \" \" + " + args.get(1) + " + \" does not exist\""));
            }
        }
        for (String call : calls) {
            for (int at = code.indexOf(call); at >= 0; at = code.indexOf(call, at + 1)) {
                if (at > 0 && Character.isJavaIdentifierPart(code.charAt(at - 1))) {
                    continue;
                }
                split(code, at + call.length(), ',').stream()
                        .filter(arg -> arg.contains("\"") && !arg.matches("\"[A-Z_]+\"") && !arg.startsWith("HttpStatus"))
                        .findFirst().ifPresent(message -> branches(message).forEach(b -> messages.add(pieces(code, b))));
            }
        }
        return messages;
    }

    /** {@code a ? "x" : "y " + z} is two messages. */
    private static List<String> branches(String message) {
        List<String> condition = split(message + ")", 0, '?');
        return condition.size() == 2 ? split(condition.get(1) + ")", 0, ':') : List.of(message);
    }

    /** A local {@code String name = "a" or a ? "b" : "c";} stands for what it holds; anything else stays as written. */
    private static String declared(String code, String expression) {
        Matcher declaration = Pattern.compile("String " + Pattern.quote(expression) + " = ([^;]+);").matcher(code);
        return expression.matches("\\w+") && declaration.find() ? declaration.group(1) : expression;
    }

    /** Each piece's possible texts: a literal's own, a local variable's literals, or the samples for any other value. */
    private static List<List<String>> pieces(String code, String message) {
        List<List<String>> pieces = new ArrayList<>();
        for (String piece : split(message + ")", 0, '+')) {
            List<String> texts = new ArrayList<>();
            for (String branch : branches(declared(code, piece))) {
                Matcher literal = LITERAL.matcher(branch);
                texts.add(literal.matches() ? literal.group(1).replace("\\\"", "\"") : null);
            }
            pieces.add(texts.contains(null) ? SAMPLES : texts);
        }
        return pieces;
    }

    /** The code from {@code start} to its closing parenthesis, split on top-level {@code separator}s, strings and chars kept whole. */
    private static List<String> split(String code, int start, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        int depth = 0;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (code.charAt(end) != c) {
                    end += code.charAt(end) == '\\' ? 2 : 1;
                }
                part.append(code, i, end + 1);
                i = end;
            } else if (depth == 0 && (c == ')' || c == separator)) {
                parts.add(part.toString().strip());
                part.setLength(0);
                if (c == ')') {
                    return parts;
                }
            } else {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                part.append(c);
            }
        }
        return parts;
    }

    /** Whether some sample in each gap makes a message the catalogue says, every "; " part of it. */
    private static boolean saidWithSomeSample(List<List<String>> pieces, int from, StringBuilder message) {
        if (from == pieces.size()) {
            return Arrays.stream(message.toString().split("; ")).noneMatch(part -> Messages.vietnamese(part).equals(part));
        }
        for (String text : pieces.get(from)) {
            int length = message.length();
            boolean said = saidWithSomeSample(pieces, from + 1, message.append(text));
            message.setLength(length);
            if (said) {
                return true;
            }
        }
        return false;
    }
}
