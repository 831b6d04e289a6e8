package communecast.app.schedule;

/** Bulletin levels of Circular 39/2020/TT-BTTTT: thông thường, ưu tiên, khẩn cấp. */
public enum Level {
    NORMAL, PRIORITY, EMERGENCY
}
