package communecast.app.playlog;

import java.time.LocalDate;

/** A change to one row of broadcast_day: plays (and their airtime) added, or taken out when negative. */
public record DayCount(long campaignId, long deviceId, LocalDate day, LogStatus status, long plays, long airtimeMs)
        implements Comparable<DayCount> {

    /** Rows are written in primary key order, so two transactions touching the same rows take their locks alike. */
    @Override
    public int compareTo(DayCount other) {
        int c = Long.compare(campaignId, other.campaignId);
        c = c != 0 ? c : Long.compare(deviceId, other.deviceId);
        c = c != 0 ? c : status.name().compareTo(other.status.name());
        return c != 0 ? c : day.compareTo(other.day);
    }
}
