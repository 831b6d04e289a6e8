package communecast.app.web;

import io.micronaut.core.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The message catalogue ({@code i18n/messages.vi.tsv}): what a service or an agent tells a user, written in English
 * (as the API answers and as agents of any version report), said in the user's language on the pages, in reports
 * and in exports. A message the catalogue does not know is shown as it came.
 */
public final class Messages {
    private static final String CATALOGUE = "/i18n/messages.vi.tsv";
    private static final Pattern GROUP = Pattern.compile("\\$(\\d+)");
    private static final List<Form> VIETNAMESE = load();

    /** One English form, matched whole, and its Vietnamese with {@code $n} for the detail it keeps. */
    private record Form(Pattern english, String vietnamese) {
    }

    /** What the pages of one language use: {@code ${say.text(reason)}}, the instants in it in local time. */
    public record Speaker(boolean vietnamese, LocalTimes times) {
        public String text(@Nullable String message) {
            return times.timesIn(vietnamese ? Messages.vietnamese(message) : message);
        }
    }

    private Messages() {
    }

    public static Speaker in(String language, LocalTimes times) {
        return new Speaker("vi".equals(language), times);
    }

    /**
     * The message in Vietnamese, part by part (messages are built of "; "-separated parts: "overlaps X; waits until it
     * ends; cut by Y"), each part a known form or kept as it came. The detail a form keeps is itself looked up, so a
     * level or a reason inside a part is said too; a title is not a known form and stays as it is.
     */
    public static String vietnamese(@Nullable String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        return Arrays.stream(message.split("; ", -1)).map(part -> {
            String said = known(part);
            return said != null ? said : part;
        }).collect(Collectors.joining("; "));
    }

    private static String known(String text) {
        for (Form form : VIETNAMESE) {
            Matcher m = form.english().matcher(text);
            if (m.matches()) {
                return GROUP.matcher(form.vietnamese()).replaceAll(g -> {
                    int n = Integer.parseInt(g.group(1));
                    String detail = n <= m.groupCount() && m.group(n) != null ? vietnamese(m.group(n)) : "";
                    return Matcher.quoteReplacement(detail);
                }).strip();
            }
        }
        return null;
    }

    private static List<Form> load() {
        try (InputStream in = Messages.class.getResourceAsStream(CATALOGUE)) {
            if (in == null) {
                throw new IllegalStateException(CATALOGUE + " is missing from the server's classpath");
            }
            List<Form> forms = new ArrayList<>();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 2) {
                    throw new IllegalStateException(CATALOGUE + ": not 'english<TAB>vietnamese': " + line);
                }
                forms.add(new Form(Pattern.compile(columns[0], Pattern.DOTALL), columns[1]));
            }
            return List.copyOf(forms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
