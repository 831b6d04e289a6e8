package communecast.app.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttachmentTest {
    @Test
    void aQuoteOrSemicolonInTheNameStaysInsideTheHeaderValue() {
        assertEquals("attachment; filename=\"lich-phat-song-CB_1_x.ics\"; filename*=UTF-8''lich-phat-song-CB%221%3Bx.ics",
                Attachment.contentDisposition("lich-phat-song-CB\"1;x.ics"));
    }

    @Test
    void vietnameseKeepsItsLettersInTheEncodedNameAndLosesOnlyTheMarksInTheAsciiOne() {
        assertEquals("attachment; filename=\"Bao cao Dong Da.pdf\"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90%E1%BB%91ng%20%C4%90a.pdf",
                Attachment.contentDisposition("Báo cáo Đống Đa.pdf"));
    }

    @Test
    void controlsSlashesAndBackslashesAreReplacedNotPassedOn() {
        assertEquals("attachment; filename=\"a__b__c.csv\"; filename*=UTF-8''a%0D%0Ab%2F%5Cc.csv",
                Attachment.contentDisposition("a\r\nb/\\c.csv"));
    }
}
