package communecast.app;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who issues and signs an area's reports (Nghị định 30/2020/NĐ-CP): derived from the area, or as the office sets it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LetterheadTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    Api admin;
    long province;
    long commune;

    @Override
    public Map<String, String> getProperties() {
        return TestServer.properties();
    }

    @BeforeAll
    void world() {
        admin = Api.admin(client.toBlocking());
        province = admin.post("/api/areas", Map.of("name", "Tỉnh Lạng Sơn", "code", "LS", "kind", "PROVINCE")).id();
        commune = admin.post("/api/areas", Map.of("name", "Xã Lợi Bác", "code", "LS-LB", "kind", "COMMUNE", "parentId", province,
                "unitName", "Trung tâm Văn hóa – Thể thao – Truyền thông")).id();
    }

    @Test
    void aPeoplesCommitteeHeadsItsOwnReports() {
        Map<String, Object> letterhead = admin.get("/api/areas/" + province + "/letterhead").body();
        assertNull(letterhead.get("superiorUnit"));
        assertEquals("Ủy ban nhân dân tỉnh Lạng Sơn", letterhead.get("unitName"));
        assertEquals("UBND", letterhead.get("unitCode"));
        assertEquals("Lạng Sơn", letterhead.get("place"));
        assertEquals("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", letterhead.get("signerTitle"));
    }

    @Test
    void anotherUnitSitsUnderTheCommunesCommitteeAndSignsAsItsHead() {
        assertEquals("Trung tâm Văn hóa – Thể thao – Truyền thông", admin.get("/api/areas/" + commune).string("unitName"));
        Map<String, Object> letterhead = admin.get("/api/areas/" + commune + "/letterhead").body();
        assertEquals("Ủy ban nhân dân xã Lợi Bác", letterhead.get("superiorUnit"));
        assertEquals("TTVHTTTT", letterhead.get("unitCode"));
        assertEquals("Lợi Bác", letterhead.get("place"));
        assertEquals("THỦ TRƯỞNG ĐƠN VỊ", letterhead.get("signerTitle"));
    }

    @Test
    void theOfficeSetsWhoSignsAndABlankFieldGoesBackToItsDefault() throws Exception {
        long other = admin.post("/api/areas", Map.of("name", "Xã Tân Thành", "code", "LS-TT", "kind", "COMMUNE", "parentId", province)).id();
        Map<String, Object> body = new HashMap<>(Map.of("unitName", "Trung tâm VHTTTT", "unitCode", "TTVHTTTT",
                "signerTitle", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "signerName", "Chu Mạnh Dũng"));
        assertEquals("Chu Mạnh Dũng", admin.put("/api/areas/" + other + "/letterhead", body).string("signerName"));
        body.put("unitName", " ");
        Map<String, Object> back = admin.put("/api/areas/" + other + "/letterhead", body).body();
        assertEquals("Ủy ban nhân dân xã Tân Thành", back.get("unitName"));
        assertNull(back.get("superiorUnit"), "a committee again: nothing above it");
        assertEquals("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", back.get("signerTitle"));

        String pdf = pdfText("/api/reports/areas/" + other + "?from=2026-03-01&to=2026-03-31&format=pdf");
        int unit = pdf.indexOf("ỦY BAN NHÂN DÂN XÃ TÂN THÀNH");
        int number = pdf.indexOf("/BC-TTVHTTTT");
        int signer = pdf.indexOf("KT. GIÁM ĐỐC");
        assertTrue(unit >= 0 && number > unit && signer > number && pdf.indexOf("PHÓ GIÁM ĐỐC") > signer
                && pdf.indexOf("Chu Mạnh Dũng") > signer, pdf);
    }

    @Test
    void aVillageReportsThroughItsCommuneAndBadLetterheadsAreRefused() {
        long village = admin.post("/api/areas", Map.of("name", "Thôn Nà Lầu", "code", "LS-LB-NL", "kind", "VILLAGE", "parentId", commune)).id();
        assertEquals("Trung tâm Văn hóa – Thể thao – Truyền thông", admin.get("/api/areas/" + village + "/letterhead").string("unitName"));
        assertEquals("NOT_A_UNIT", admin.put("/api/areas/" + village + "/letterhead", Map.of("unitName", "Thôn")).string("code"));
        Api.Reply tooLong = admin.put("/api/areas/" + commune + "/letterhead", Map.of("signerName", "x".repeat(101)));
        assertEquals(List.of(400, "TOO_LONG"), List.of(tooLong.status(), tooLong.string("code")));
        assertEquals(404, admin.get("/api/areas/987654/letterhead").status());

        admin.post("/api/users", Map.of("username", "xem-xa", "password", "password-123", "role", "VIEWER", "areaId", commune));
        admin.post("/api/users", Map.of("username", "bien-tap-tinh-khac", "password", "password-123", "role", "EDITOR",
                "areaId", admin.post("/api/areas", Map.of("name", "Tỉnh Cao Bằng", "code", "CB", "kind", "PROVINCE")).id()));
        assertEquals(403, Api.login(client.toBlocking(), "xem-xa", "password-123")
                .put("/api/areas/" + commune + "/letterhead", Map.of("signerName", "A")).status(), "a viewer reads, no more");
        assertEquals(403, Api.login(client.toBlocking(), "bien-tap-tinh-khac", "password-123")
                .put("/api/areas/" + commune + "/letterhead", Map.of("signerName", "A")).status(), "another province's editor");
    }

    /** The PDF's text in reading order (top to bottom, left to right). */
    private String pdfText(String path) throws Exception {
        byte[] file = client.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(admin.tokenForTests()), byte[].class).body();
        try (PDDocument pdf = Loader.loadPDF(file)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(pdf);
        }
    }
}
