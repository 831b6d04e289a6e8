package communecast.app.web;

import communecast.app.TestServer;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages are rendered before they are answered, so a broken page is an error page and not a silent hang. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesTest implements TestPropertyProvider {

    @Inject
    Pages pages;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @Test
    void aPageIsHtmlInTheUsersLanguageWhenAnswered() {
        MutableHttpResponse<?> page = pages.page(request("/ui/login"), "login", Map.of());
        assertEquals("text/html;charset=utf-8", page.getContentType().orElseThrow().toString());
        assertTrue(((String) page.body()).contains("Đăng nhập"), "Vietnamese first");
    }

    @Test
    void aTemplateThatCannotRenderFailsInTheRequestNotWhileWriting() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> pages.page(request("/ui"), "no-such-page", Map.of()));
        assertTrue(e.getMessage().contains("no-such-page"), e.toString());
    }

    /** A request as the server gets it (the client's kind has no cookies to read). */
    private static HttpRequest<?> request(String path) {
        return new SimpleHttpRequest<>(HttpMethod.GET, path, null);
    }
}
