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
        assertEquals("Gọi một một bốn", VietnameseReading.aloud("Gọi 114"));
        assertEquals("một trăm mười lăm hộ", VietnameseReading.aloud("115 hộ"), "a count that looks like a hotline is a count");
        assertEquals("ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu", VietnameseReading.aloud("15/3/2026"));
        assertEquals("Ngày mồng năm tháng tư", VietnameseReading.aloud("Ngày 05/04"), "no 'ngày ngày'; April is tháng tư");
        assertEquals("ngày hai mươi tháng tư năm hai nghìn không trăm hai mươi bảy", VietnameseReading.aloud("ngày 20 tháng 4 năm 2027"));
        assertEquals("gọi không chín một hai ba bốn năm sáu bảy tám", VietnameseReading.aloud("gọi 0912 345 678"));
        assertEquals("không chín một hai ba bốn năm sáu bảy tám", VietnameseReading.aloud("0912 345678"));
        assertEquals("không hai ba tám ba một hai ba bốn năm sáu", VietnameseReading.aloud("0238 3123456"), "a landline");
        assertEquals("cộng tám bốn chín một hai ba bốn năm sáu bảy tám", VietnameseReading.aloud("+84 912 345 678"));
        assertEquals("một chín không không một hai ba bốn", VietnameseReading.aloud("1900 1234"));
        assertEquals("ba mươi mốt/hai", VietnameseReading.aloud("31/2"), "no 31 February: two numbers, not a date");
    }

    @Test
    void whatOnlyLooksLikeATimeOrADateIsReadAsWritten() {
        assertEquals("Bước một: đăng ký", VietnameseReading.aloud("Bước 1: đăng ký"), "a colon after a number is no time");
        assertEquals("trực hai mươi tư giờ", VietnameseReading.aloud("trực 24h"), "a duration");
        assertEquals("hai mươi gam muối", VietnameseReading.aloud("20g muối"), "grams are no hours");
        assertEquals("đường dây nóng hai mươi tư/bảy", VietnameseReading.aloud("đường dây nóng 24/7"), "24/7 is no date");
        assertEquals("một/hai số hộ", VietnameseReading.aloud("1/2 số hộ"));
        assertEquals("từ ngày mồng một tháng sáu đến ngày mười lăm tháng sáu", VietnameseReading.aloud("từ 1/6 đến 15/6"));
        assertEquals("ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu", VietnameseReading.aloud("15-03-2026"));
        assertEquals("bảy giờ ba mươi", VietnameseReading.aloud("7h30"));
    }

    @Test
    void moneyAndDecimalsTheVietnameseWay() {
        assertEquals("năm mươi nghìn đồng", VietnameseReading.aloud("50.000đ"));
        assertEquals("một nghìn năm trăm phẩy năm", VietnameseReading.aloud("1.500,5"));
    }

    @Test
    void aNoticeAsAWhole() {
        assertEquals("Ủy ban nhân dân xã thông báo: từ tám giờ ngày mồng mười tháng ba, cắt nước tại ba mươi phần trăm số hộ,"
                        + " hai phẩy năm ki lô mét đường ống; mười nghìn đồng mỗi hộ. Cháy nổ gọi một một bốn.",
                VietnameseReading.aloud("UBND xã thông báo: từ 8h ngày 10/3, cắt nước tại 30% số hộ, 2,5 km đường ống; 10.000 đồng mỗi hộ. Cháy nổ gọi 114."));
        assertEquals("Hoà", VietnameseReading.aloud("Hoa\u0300"), "decomposed diacritics are composed");
    }
}
