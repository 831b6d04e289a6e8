package communecast.app.area;

/** The administrative tree since July 2025: tỉnh → xã/phường → thôn/bản/tổ dân phố. */
public enum AreaKind {
    PROVINCE, COMMUNE, VILLAGE;

    AreaKind requiredParent() {
        return switch (this) {
            case PROVINCE -> null;
            case COMMUNE -> PROVINCE;
            case VILLAGE -> COMMUNE;
        };
    }
}
