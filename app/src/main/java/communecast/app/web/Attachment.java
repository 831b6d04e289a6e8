package communecast.app.web;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** The {@code Content-Disposition} of a download, per RFC 6266: whatever the name holds, the header stays one valid value. */
public final class Attachment {
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private Attachment() {
    }

    /**
     * {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded}: readers that know RFC 5987 take
     * the exact name, older ones an ASCII one (Vietnamese letters without their marks, anything unsafe as _).
     */
    public static String contentDisposition(String fileName) {
        return "attachment; filename=\"" + ascii(fileName) + "\"; filename*=UTF-8''" + percentEncoded(fileName);
    }

    static String ascii(String fileName) {
        String bare = Normalizer.normalize(fileName.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        for (char c : bare.toCharArray()) {
            boolean safe = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/' && c != ';' && c != '%';
            out.append(safe ? c : '_');
        }
        return out.toString();
    }

    static String percentEncoded(String fileName) {
        StringBuilder out = new StringBuilder();
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
