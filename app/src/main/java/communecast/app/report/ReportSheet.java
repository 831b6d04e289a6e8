package communecast.app.report;

import communecast.app.area.Letterhead;
import communecast.app.playlog.LogStatus;
import communecast.app.playlog.Shortfall;
import communecast.app.web.DateBounds;
import communecast.app.web.LocalTimes;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static communecast.app.report.Label.*;

/**
 * A report laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP): the header (the units
 * beside the national name and motto, the number, the place and date), the title and what it is about, the facts
 * (legal basis, campaign, period), one table per grouping each ending in the totals, why plays did not air, and
 * the signature block. CSV, XLSX and PDF all write this one layout.
 */
record ReportSheet(Header header, String title, String subject, List<String[]> facts, List<Section> sections,
                   String notesTitle, List<String> notes, Signature signature) {

    /** {@code superiorUnit} empty when the unit has none above it; units as printed, in capitals. */
    record Header(String superiorUnit, String unitName, String number, String nation, String motto, String placeAndDate) {
        /**
         * The left column's two lines beside the national name and the motto: the unit above, if any, then the
         * unit; a unit with none above is on the first line, the second empty.
         */
        List<String> units() {
            return superiorUnit.isEmpty() ? List.of(unitName, "") : List.of(superiorUnit, unitName);
        }

        static Header of(Letterhead letterhead, Label.Lang lang, LocalDate issuedOn) {
            return new Header(letterhead.superiorUnit() == null ? "" : upper(letterhead.superiorUnit()), upper(letterhead.unitName()),
                    NUMBER.in(lang) + ":      /BC-" + letterhead.unitCode(), NATION.in(lang), MOTTO.in(lang),
                    letterhead.place() + ", " + dateLine(issuedOn, lang));
        }
    }

    /** Left, who receives it; right, the signer's position, the hint to sign and, when known, the name. */
    record Signature(String recipientsTitle, List<String> recipients, List<String> titleLines, String hint, String name) {
        static Signature of(Letterhead letterhead, Label.Lang lang) {
            return new Signature(RECIPIENTS.in(lang), List.of(FILED.in(lang)),
                    Arrays.stream(letterhead.signerTitle().split("\\R")).map(ReportSheet::upper).toList(), SIGN_HINT.in(lang),
                    letterhead.signerName() == null ? "" : letterhead.signerName());
        }
    }

    /** A table: {@code labelColumns} columns that name a line, then the figures; then a row of totals. */
    record Section(String title, List<String> columns, int labelColumns, List<List<Object>> rows, List<Object> totals) {
    }

    static ReportSheet of(CampaignReport report, Label.Lang lang, LocalDate issuedOn, LocalTimes times) {
        List<String[]> facts = List.of(
                fact(LEGAL_BASIS, report.legalBasis() == null ? "" : report.legalBasis(), lang),
                fact(CAMPAIGN, report.title(), lang),
                fact(PERIOD, period(report.startDate(), report.endDate()), lang),
                fact(ISSUED_ON, DateBounds.written(issuedOn), lang),
                fact(PLANNED_TO_DATE, String.valueOf(report.totals().planned()), lang),
                fact(PLANNED_WHOLE, count(report.outlook().plannedWhole(), lang), lang),
                fact(TO_COME, count(report.outlook().toCome(), lang), lang));
        Figures totals = report.totals().figures();
        List<Section> sections = List.of(communes(report.communes(), totals, lang), devices(report.devices(), totals, lang),
                days(report.days(), totals, lang));
        return new ReportSheet(Header.of(report.letterhead(), lang, issuedOn), REPORT.in(lang),
                CAMPAIGN_SUBJECT.in(lang) + " «" + report.title() + "»", facts, sections, NOT_AIRED.in(lang),
                notes(report.notAired(), lang, times), Signature.of(report.letterhead(), lang));
    }

    static ReportSheet of(AreaReport report, Label.Lang lang, LocalDate issuedOn) {
        List<String[]> facts = List.of(
                fact(AREA, report.areaName(), lang),
                fact(PERIOD, period(report.from(), report.to()), lang),
                fact(ISSUED_ON, DateBounds.written(issuedOn), lang));
        Figures totals = report.totals().figures();
        List<Section> sections = List.of(campaigns(report.campaigns(), totals, lang), communes(report.communes(), totals, lang),
                devices(report.devices(), totals, lang), days(report.days(), totals, lang));
        return new ReportSheet(Header.of(report.letterhead(), lang, issuedOn), REPORT.in(lang),
                AREA_SUBJECT.in(lang) + " " + report.areaName() + " (" + period(report.from(), report.to()) + ")", facts, sections,
                NOT_AIRED.in(lang), List.of(), Signature.of(report.letterhead(), lang));
    }

    private static Section campaigns(List<CampaignLine> lines, Figures totals, Label.Lang lang) {
        List<List<Object>> rows = lines.stream().map(l -> row(l.figures(), l.campaignId(), l.title(),
                l.legalBasis() == null ? "" : l.legalBasis(), l.level() == null ? "" : Label.of(l.level()).in(lang))).toList();
        return section(BY_CAMPAIGN, List.of(ID, CAMPAIGN, LEGAL_BASIS, LEVEL), rows, totals, lang);
    }

    private static Section communes(List<CommuneLine> lines, Figures totals, Label.Lang lang) {
        List<List<Object>> rows = lines.stream().map(l -> row(l.figures(), l.areaId(), l.name(), l.devices())).toList();
        return section(BY_COMMUNE, List.of(ID, COMMUNE, DEVICES), rows, totals, lang);
    }

    private static Section devices(List<DeviceLine> lines, Figures totals, Label.Lang lang) {
        List<List<Object>> rows = lines.stream().map(l -> row(l.figures(), l.deviceId(),
                l.communeName() == null ? DevicePlaces.UNKNOWN : l.communeName(), l.deviceName())).toList();
        return section(BY_DEVICE, List.of(ID, COMMUNE, DEVICE), rows, totals, lang);
    }

    private static Section days(List<DayLine> lines, Figures totals, Label.Lang lang) {
        List<List<Object>> rows = lines.stream().map(l -> row(l.figures(), DateBounds.written(l.day()))).toList();
        return section(BY_DAY, List.of(DAY), rows, totals, lang);
    }

    private static Section section(Label title, List<Label> leading, List<List<Object>> rows, Figures totals, Label.Lang lang) {
        List<String> columns = Stream.concat(leading.stream(), Stream.of(PLANNED, AIRED, MISSED, FAILED, PREEMPTED, PENDING,
                AIRTIME, AIRED_PERCENT)).map(l -> l.in(lang)).toList();
        List<Object> label = new ArrayList<>(List.of(TOTAL.in(lang)));
        while (label.size() < leading.size()) {
            label.add("");
        }
        return new Section(title.in(lang), columns, leading.size(), rows, row(totals, label.toArray()));
    }

    /** The label cells, then the figures: numbers stay numbers (staff sum and chart them). */
    private static List<Object> row(Figures f, Object... labels) {
        List<Object> row = new ArrayList<>(List.of(labels));
        row.addAll(List.of(f.planned(), f.aired(), f.missed(), f.failed(), f.preempted(), f.pending(), f.airtimeSeconds()));
        row.add(f.airedPercent() == null ? "" : f.airedPercent());
        return row;
    }

    private static List<String> notes(List<Shortfall> notAired, Label.Lang lang, LocalTimes times) {
        return notAired.stream().map(n -> (n.status() == LogStatus.MISSED ? MISSED : FAILED).in(lang) + " " + n.plays() + " "
                + PLAYS.in(lang) + ": " + (n.reason().isEmpty() ? NO_REASON.in(lang) : ReasonText.in(n.reason(), lang, times))).toList();
    }

    private static String count(Long plays, Label.Lang lang) {
        return plays == null ? TOO_MANY.in(lang) : String.valueOf(plays);
    }

    private static String[] fact(Label label, String value, Label.Lang lang) {
        return new String[] {label.in(lang), value};
    }

    /**
     * "ngày 07 tháng 12 năm 2026": a day below 10, and January and February, get a leading zero (Nghị định 30,
     * Phụ lục I), so nobody can add a digit before them.
     */
    static String dateLine(LocalDate day, Label.Lang lang) {
        if (lang == Label.Lang.EN) {
            return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(day);
        }
        String month = day.getMonthValue() < 3 ? "0" + day.getMonthValue() : String.valueOf(day.getMonthValue());
        return "ngày " + DateTimeFormatter.ofPattern("dd").format(day) + " tháng " + month + " năm " + day.getYear();
    }

    private static String upper(String text) {
        return text.toUpperCase(Locale.of("vi"));
    }

    private static String period(LocalDate from, LocalDate to) {
        return DateBounds.written(from) + " – " + DateBounds.written(to);
    }
}
