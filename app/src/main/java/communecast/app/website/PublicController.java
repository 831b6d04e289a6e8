package communecast.app.website;

import communecast.app.area.Area;
import communecast.app.media.MediaItem;
import communecast.app.media.MediaLibrary;
import communecast.app.media.Rendition;
import communecast.app.media.RenditionKind;
import communecast.app.web.Pages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The unit's website, no login (README "Media for the unit's website"): an area's public page, its Atom feed, a player
 * to embed, and the media files they play.
 */
@Controller("/public")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PublicController {
    private final PublicBulletins bulletins;
    private final MediaLibrary library;
    private final Pages pages;
    private final HttpHostResolver hosts;

    PublicController(PublicBulletins bulletins, MediaLibrary library, Pages pages, HttpHostResolver hosts) {
        this.bulletins = bulletins;
        this.library = library;
        this.pages = pages;
        this.hosts = hosts;
    }

    @Get("/areas/{code}")
    HttpResponse<?> area(HttpRequest<?> request, String code) {
        Optional<Area> area = bulletins.area(code);
        if (area.isEmpty()) {
            return HttpResponse.notFound();
        }
        return pages.page(request, "public-area", Map.of("area", area.get(), "shown", bulletins.of(area.get())));
    }

    @Get("/areas/{code}/feed.xml")
    HttpResponse<?> feed(HttpRequest<?> request, String code) {
        return bulletins.area(code).<HttpResponse<?>>map(area -> HttpResponse.ok(AtomFeed.of(area, bulletins.of(area), hosts.resolve(request)))
                .contentType(MediaType.of("application/atom+xml;charset=utf-8"))).orElse(HttpResponse.notFound());
    }

    /** The players alone, for an iframe on the unit's own website. */
    @Get("/areas/{code}/embed")
    HttpResponse<?> embed(HttpRequest<?> request, String code) {
        return bulletins.area(code).<HttpResponse<?>>map(area -> pages.page(request, "public-embed", Map.of("area", area, "shown", bulletins.of(area))))
                .orElse(HttpResponse.notFound());
    }

    /** The file a loudspeaker or a screen plays, for the page's players: 404 for anything the page does not show. */
    @Get("/media/{id}/file")
    HttpResponse<?> file(long id) {
        Optional<Rendition> playable = bulletins.reachable(id).flatMap(this::playable);
        return playable.<HttpResponse<?>>map(r -> HttpResponse.ok(new SystemFile(library.file(r.sha256()).toFile(),
                r.kind() == RenditionKind.VIDEO ? MediaType.of("video/mp4") : MediaType.of("audio/mpeg")))).orElse(HttpResponse.notFound());
    }

    private Optional<Rendition> playable(MediaItem item) {
        RenditionKind kind = item.visual() ? RenditionKind.VIDEO : RenditionKind.AUDIO;
        List<Rendition> renditions = library.renditionsOf(List.of(item.id()));
        return renditions.stream().filter(r -> r.kind() == kind && r.ready()).findFirst();
    }
}
