package communecast.app.area;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LetterheadsTest {
    @Test
    void thePlaceOfTheDateLineIsTheAreasNameWithoutItsKind() {
        assertEquals("Lợi Bác", Letterheads.place("Xã Lợi Bác"));
        assertEquals("Điện Biên Phủ", Letterheads.place("Phường Điện Biên Phủ"));
        assertEquals("Huế", Letterheads.place("Thành phố Huế"));
        assertEquals("Lạng Sơn", Letterheads.place("Tỉnh Lạng Sơn"));
        assertEquals("Cô Tô", Letterheads.place("Đặc khu Cô Tô"));
        assertEquals("Bản Lầu", Letterheads.place("Bản Lầu"), "a name that is all place");
    }

    @Test
    void aUnitsCodeIsItsInitials() {
        assertEquals("TTVHTTTT", Letterheads.initials("Trung tâm Văn hóa – Thể thao – Truyền thông"));
        assertEquals("ĐTTX", Letterheads.initials("Đài truyền thanh xã"));
    }
}
