package communecast.app.website;

import communecast.app.area.Area;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An area's public media as an Atom feed (RFC 4287) with enclosures, which website software (WordPress, a provincial
 * portal) imports: one entry per medium, its file as the enclosure, its campaign as the summary.
 */
final class AtomFeed {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    /** {@code base}: the server as the reader reached it (scheme, host, port), for absolute links. */
    static byte[] of(Area area, List<PublicBulletins.Shown> shown, String base) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            String page = base + "/public/areas/" + area.code();
            text(xml, "title", "Bản tin tuyên truyền – " + area.name());
            text(xml, "id", page);
            text(xml, "updated", time(shown.stream().map(s -> s.media().createdAt()).max(Instant::compareTo).orElse(Instant.EPOCH)));
            link(xml, "self", page + "/feed.xml", "application/atom+xml");
            link(xml, "alternate", page, "text/html");
            xml.writeStartElement("author");
            text(xml, "name", area.unitName() != null ? area.unitName() : "Ủy ban nhân dân " + area.name());
            xml.writeEndElement();
            for (PublicBulletins.Shown s : shown) {
                xml.writeStartElement("entry");
                text(xml, "title", s.media().title());
                text(xml, "id", base + "/public/media/" + s.media().id());
                text(xml, "updated", time(s.media().createdAt()));
                text(xml, "summary", s.campaignTitle() + (s.media().text() == null ? "" : ": " + s.media().text()));
                link(xml, "enclosure", base + "/public/media/" + s.media().id() + "/file", s.media().visual() ? "video/mp4" : "audio/mpeg");
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the feed of " + area.code(), e);
        }
        return out.toByteArray();
    }

    private static void text(XMLStreamWriter xml, String element, String text) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
