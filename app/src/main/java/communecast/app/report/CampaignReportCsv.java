package communecast.app.report;

import java.nio.charset.StandardCharsets;

/** CSV for Excel: UTF-8 with a byte order mark, or Vietnamese shows as mojibake. Headers in Vietnamese. */
final class CampaignReportCsv {
    private CampaignReportCsv() {
    }

    static byte[] write(CampaignReport report) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        row(csv, "Chiến dịch", report.title());
        row(csv, "Căn cứ", report.legalBasis() == null ? "" : report.legalBasis());
        row(csv, "Thời gian", report.startDate() + " – " + report.endDate());
        row(csv);
        row(csv, "Mã thiết bị", "Thiết bị", "Kế hoạch", "Đã phát", "Bỏ lỡ", "Lỗi", "Bị ngắt", "Chờ", "Thời lượng phát (giây)");
        for (CampaignReport.DeviceLine d : report.devices()) {
            row(csv, d.deviceId(), d.deviceName(), d.planned(), d.aired(), d.missed(), d.failed(), d.preempted(), d.pending(), d.airtimeSeconds());
        }
        row(csv, "", "Tổng cộng", report.planned(), report.aired(), report.missed(), report.failed(), report.preempted(),
                report.pending() + report.playing(), report.airtimeSeconds());
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quote(String.valueOf(cells[i])));
        }
        csv.append("\r\n");
    }

    private static String quote(String cell) {
        boolean needs = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        // A leading = + - @ would run as a formula in Excel.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+") ? "'" + cell : cell;
        return needs ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
