package communecast.app.web;

import io.micronaut.core.annotation.Nullable;

/**
 * A name a page shows as a link to the page of what it names (a campaign, a device, an area, a bulletin); where there
 * is no such page ({@code href} null), the plain name. The addresses are made in one place each, here.
 */
public record Link(String text, @Nullable String href) {

    public static Link campaign(long id, String title) {
        return new Link(title, "/ui/campaigns/" + id + "/edit");
    }

    /** A device's own address: the device list narrowed to it. */
    public static Link device(long id, String name) {
        return new Link(name, "/ui/devices/" + id);
    }

    /** An area's devices, counted per commune. */
    public static Link area(long id, String name) {
        return new Link(name, "/ui/devices?areaId=" + id);
    }

    /** A bulletin's row in the media library. */
    public static Link media(long id, String title) {
        return new Link(title, "/ui/media#media-" + id);
    }

    public static Link text(String text) {
        return new Link(text, null);
    }
}
