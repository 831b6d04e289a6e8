package communecast.app.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A notice read the way a commune announcer reads it. */
class VietnameseReadingTest {
    @Test
    void numbersInWords() {
        assertEquals("không", VietnameseReading.number(0));
        assertEquals("mười lăm", VietnameseReading.number(15));
        assertEquals("hai mươi mốt", VietnameseReading.number(21));
        assertEquals("hai mươi tư", VietnameseReading.number(24));
        assertEquals("ba mươi lăm", VietnameseReading.number(35));
        assertEquals("mười bốn", VietnameseReading.number(14));
        assertEquals("một trăm linh năm", VietnameseReading.number(105));
        assertEquals("một trăm mười", VietnameseReading.number(110));
        assertEquals("hai nghìn không trăm hai mươi sáu", VietnameseReading.number(2026));
        assertEquals("mười nghìn", VietnameseReading.number(10_000));
        assertEquals("một triệu không trăm linh năm", VietnameseReading.number(1_000_005));
        assertEquals("một triệu năm trăm", VietnameseReading.number(1_000_500));
        assertEquals("ba tỷ", VietnameseReading.number(3_000_000_000L));
        assertEquals("hai nghìn tỷ", VietnameseReading.number(2_000_000_000_000L));
    }

    @Test
    void timesDatesAndHotlinesAsAnnouncersSayThem() {
        assertEquals("sáu giờ ba mươi", VietnameseReading.aloud("06:30"));
        assertEquals("mười bảy giờ", VietnameseReading.aloud("17:00"));
        assertEquals("Từ bảy giờ năm phút", VietnameseReading.aloud("Từ 7h05"));
        assertEquals("một một bốn", VietnameseReading.aloud("114"));
        assertEquals("ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu", VietnameseReading.aloud("15/3/2026"));
        assertEquals("Ngày mồng năm tháng tư", VietnameseReading.aloud("Ngày 05/04"), "no 'ngày ngày'; April is tháng tư");
        assertEquals("ngày hai mươi tháng tư năm hai nghìn không trăm hai mươi bảy", VietnameseReading.aloud("ngày 20 tháng 4 năm 2027"));
        assertEquals("gọi không chín một hai ba bốn năm sáu bảy tám", VietnameseReading.aloud("gọi 0912 345 678"));
        assertEquals("ba mươi mốt/hai", VietnameseReading.aloud("31/2"), "no 31 February: two numbers, not a date");
    }

    @Test
    void aNoticeAsAWhole() {
        assertEquals("Ủy ban nhân dân xã thông báo: từ tám giờ ngày mồng mười tháng ba, cắt nước tại ba mươi phần trăm số hộ,"
                        + " hai phẩy năm ki lô mét đường ống; mười nghìn đồng mỗi hộ. Cháy nổ gọi một một bốn.",
                VietnameseReading.aloud("UBND xã thông báo: từ 8h ngày 10/3, cắt nước tại 30% số hộ, 2,5 km đường ống; 10.000 đồng mỗi hộ. Cháy nổ gọi 114."));
        assertEquals("Hoà", VietnameseReading.aloud("Hoa\u0300"), "decomposed diacritics are composed");
    }
}
