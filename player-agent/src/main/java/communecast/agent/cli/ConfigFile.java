package communecast.agent.cli;

import communecast.agent.cli.Options.UsageException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The agent's config file: Java properties in UTF-8 whose keys are the flags without their dashes. */
final class ConfigFile {

    /** Notepad on older Windows starts UTF-8 files with one; it is not part of the first key. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private ConfigFile() {
    }

    /** The values set in {@code file}; an empty value counts as not set. */
    static Map<String, String> read(Path file, List<String> keys) throws UsageException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("config file " + file + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!keys.contains(key)) {
                throw new UsageException("unknown key " + key + " in " + file + " (known: " + String.join(", ", keys)
                        + ")");
            }
            String value = properties.getProperty(key).strip();
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }

    private static String text(Path file) throws UsageException {
        try {
            String text = Files.readString(file);
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new UsageException("config file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new UsageException("config file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("config file " + file + " cannot be read: " + e.getMessage());
        }
    }
}
