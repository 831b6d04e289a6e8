package communecast.app.report;

import communecast.app.playlog.LogStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * A campaign report laid out as the attachment to an official letter: the unit, the title, the facts
 * (legal basis, period), one table of devices, the totals. CSV, XLSX and PDF all write this one layout.
 */
record ReportSheet(String unit, String heading, List<String[]> facts, List<String> columns, List<List<Object>> rows,
                   List<Object> totals, List<String> notes) {

    static ReportSheet of(CampaignReport report, String unit) {
        List<String[]> facts = List.of(
                new String[] {"Chiến dịch", report.title()},
                new String[] {"Căn cứ", report.legalBasis() == null ? "" : report.legalBasis()},
                new String[] {"Thời gian", report.startDate() + " – " + report.endDate()});
        List<List<Object>> rows = new ArrayList<>();
        for (CampaignReport.DeviceLine d : report.devices()) {
            rows.add(List.of(d.deviceId(), d.deviceName(), d.planned(), d.aired(), d.missed(), d.failed(), d.preempted(),
                    d.pending(), d.airtimeSeconds()));
        }
        List<Object> totals = List.of("", "Tổng cộng", report.planned(), report.aired(), report.missed(), report.failed(),
                report.preempted(), report.pending() + report.playing(), report.airtimeSeconds());
        List<String> notes = report.notAired().stream()
                .map(n -> (n.status() == LogStatus.MISSED ? "Bỏ lỡ" : "Lỗi") + " " + n.plays() + " lượt: "
                        + (n.reason().isEmpty() ? "không rõ lý do" : n.reason())).toList();
        return new ReportSheet(unit, "BÁO CÁO KẾT QUẢ PHÁT SÓNG", facts,
                List.of("Mã thiết bị", "Thiết bị", "Kế hoạch", "Đã phát", "Bỏ lỡ", "Lỗi", "Bị ngắt", "Chờ", "Thời lượng phát (giây)"),
                rows, totals, notes);
    }
}
