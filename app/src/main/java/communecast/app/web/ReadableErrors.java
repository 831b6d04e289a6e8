package communecast.app.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the framework's own 400 messages (bad JSON, a value of the wrong kind) for the person or agent that
 * sent the request: the field, the value and what was expected, without our Java class names or parser internals.
 */
public final class ReadableErrors {
    private static final Pattern NO_BODY = Pattern.compile("Required Body \\[[^]]*] not specified");
    private static final Pattern MISSING = Pattern.compile("Required argument \\[(?:\\S+ )?(?<name>[^]]+)] not specified");
    private static final Pattern BAD_ARGUMENT = Pattern.compile(
            "Failed to convert argument \\[(?<name>[^]]*)] for value \\[(?<value>[^]]*)] due to: (?<why>.*)", Pattern.DOTALL);
    private static final Pattern BAD_PROPERTY = Pattern.compile(
            "Error decoding property \\[\\S+ (?<field>[^]]+)] of type \\[[^]]*]: ");
    private static final Pattern JAVA_TYPE = Pattern.compile("Cannot deserialize value of type `[^`]*`( due to:)? ?");
    private static final Pattern TOKEN = Pattern.compile("Unexpected token (\\w+), expected (\\w+)");
    private static final Pattern WHERE = Pattern.compile("\\s*at \\[Source: .*?; line: (\\d+), column: (\\d+)]", Pattern.DOTALL);
    private static final Pattern TOO_LARGE = Pattern.compile("The content length \\[(\\d+)] exceeds the maximum allowed \\w* ?length \\[(\\d+)].*",
            Pattern.DOTALL);
    private static final Map<String, String> TOKENS = Map.of(
            "START_OBJECT", "an object", "START_ARRAY", "a list", "VALUE_STRING", "a text", "VALUE_NUMBER_INT", "a number",
            "VALUE_NUMBER_FLOAT", "a number", "VALUE_TRUE", "true", "VALUE_FALSE", "false", "VALUE_NULL", "null",
            "END_OBJECT", "the end of an object", "END_ARRAY", "the end of a list");

    private ReadableErrors() {
    }

    public static String of(String message) {
        if (NO_BODY.matcher(message).matches()) {
            return "the request needs a JSON body";
        }
        Matcher missing = MISSING.matcher(message);
        if (missing.matches()) {
            return "'" + missing.group("name") + "' is required";
        }
        Matcher argument = BAD_ARGUMENT.matcher(message);
        if (!argument.matches()) {
            return plain(message);
        }
        String why = plain(argument.group("why"));
        if ("null".equals(argument.group("value"))) {
            return "the JSON body could not be read: " + why;
        }
        return "'" + argument.group("value") + "' is not a valid " + argument.group("name") + " (" + why + ")";
    }

    /** A 413's message without the framework's advice to its developers. */
    public static String tooLarge(String message) {
        Matcher m = TOO_LARGE.matcher(message);
        return m.matches() ? "the request has " + m.group(1) + " bytes; at most " + m.group(2) + " are taken here" : message;
    }

    private static String plain(String message) {
        String text = BAD_PROPERTY.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group("field") + ": "));
        text = JAVA_TYPE.matcher(text).replaceAll("");
        text = TOKEN.matcher(text).replaceAll(m -> "expected " + token(m.group(2)) + ", found " + token(m.group(1)));
        text = WHERE.matcher(text).replaceAll(" (line $1, column $2)");
        return text.strip();
    }

    private static String token(String name) {
        return TOKENS.getOrDefault(name, name.toLowerCase());
    }
}
