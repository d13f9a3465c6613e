package org.hotlinepulse.alerts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hotlinepulse.avro.AlertType;

/**
 * The human summaries of alerts, in Chinese and English ({@link AlertText#join}): department,
 * line name and number, what is wrong in plain words, since when in the directory's time zone,
 * and the evidence; for RESOLVED, when and how the line recovered.
 */
public final class AlertSummaries {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private AlertSummaries() {}

    static String outOfService(LineContext ctx, long since, int failed, int attempts, int spanMinutes) {
        return firing(ctx, since,
                "无法接通：" + spanMinutes + " 分钟内 " + attempts + " 次呼叫中 " + failed + " 次失败，无一接通",
                "out of service: " + failed + " of " + attempts + " attempts failed in " + spanMinutes + " min, none connected");
    }

    static String constantBusy(LineContext ctx, long since, int busy, int attempts, int spanMinutes) {
        return firing(ctx, since,
                "持续忙线：" + spanMinutes + " 分钟内 " + attempts + " 次呼叫中 " + busy + " 次忙音",
                "constantly busy: " + busy + " of " + attempts + " attempts busy in " + spanMinutes + " min");
    }

    static String unanswered(LineContext ctx, long since, String mode, int connected, int spanMinutes) {
        return firing(ctx, since,
                "无人接听（" + modeZh(mode) + "）：" + spanMinutes + " 分钟内 " + connected + " 次接通的呼叫无一人工接听",
                "unanswered (" + mode + "): " + connected + " calls got through in " + spanMinutes
                        + " min, none answered by a person");
    }

    static String highAbandonment(LineContext ctx, long since, int abandoned, int denominator, int spanMinutes) {
        String pct = percent(abandoned, denominator);
        return firing(ctx, since,
                "放弃率高：" + spanMinutes + " 分钟内 " + denominator + " 次接通的呼叫中 " + abandoned + " 次放弃（" + pct + "）",
                "high abandonment: " + abandoned + " of " + denominator + " calls that got through abandoned in "
                        + spanMinutes + " min (" + pct + ")");
    }

    static String silent(LineContext ctx, long since, long quietFrom, long serviceMinutes, double expected) {
        String from = time(ctx, quietFrom);
        if (Double.isNaN(expected)) {
            return firing(ctx, since,
                    "无来电：自 " + from + " 起一个完整服务日无人呼叫（无基线）",
                    "silent: no call for a whole service day since " + from + " (no baseline)");
        }
        String exp = String.format(Locale.ROOT, "%.1f", expected);
        return firing(ctx, since,
                "无来电：自 " + from + " 起 " + serviceMinutes + " 分钟服务时间内无人呼叫，按基线应有约 " + exp + " 次",
                "silent: no call in " + serviceMinutes + " service minutes since " + from + ", about " + exp + " expected");
    }

    static String probeFailed(LineContext ctx, long since, int consecutive) {
        return firing(ctx, since,
                "拨测失败：连续 " + consecutive + " 次拨测未接通",
                "probe failed: " + consecutive + " probe calls in a row did not get through");
    }

    static String unknownLine(LineContext ctx, long since, int attempts, int spanMinutes) {
        return firing(ctx, since,
                "未登记号码：" + spanMinutes + " 分钟内 " + attempts + " 次呼叫拨打台账中没有的号码",
                "unknown number: " + attempts + " attempts in " + spanMinutes + " min to a number missing from the directory");
    }

    /** The summary of a RESOLVED alert: what recovered and when. */
    static String resolved(AlertType type, LineContext ctx, long startsAt, long endsAt) {
        String at = time(ctx, endsAt);
        String since = time(ctx, startsAt);
        String zh = switch (type) {
            case OUT_OF_SERVICE -> at + " 再次接通";
            case CONSTANT_BUSY -> at + " 忙音占比回落";
            case UNANSWERED -> at + " 再次有人接听";
            case SILENT -> at + " 再次有来电";
            case HIGH_ABANDONMENT -> at + " 放弃率回落";
            case PROBE_FAILED -> at + " 拨测再次接通";
            case UNKNOWN_LINE, FEED_STALE -> "截至 " + at + " 已 " + ctx.thresholds().unknownLineQuietHours() + " 小时无呼叫或号码已登记";
        };
        String en = switch (type) {
            case OUT_OF_SERVICE -> "got through again at " + at;
            case CONSTANT_BUSY -> "busy share fell back at " + at;
            case UNANSWERED -> "answered again at " + at;
            case SILENT -> "called again at " + at;
            case HIGH_ABANDONMENT -> "abandonment fell back at " + at;
            case PROBE_FAILED -> "a probe got through again at " + at;
            case UNKNOWN_LINE, FEED_STALE -> "no attempt for " + ctx.thresholds().unknownLineQuietHours()
                    + " h or the number is now in the directory, as of " + at;
        };
        return AlertText.join(
                "已恢复：" + who(ctx, true) + " " + typeZh(type) + "（自 " + since + " 起），" + zh,
                "Resolved: " + who(ctx, false) + " " + typeEn(type) + " (since " + since + "), " + en);
    }

    static String feedStale(String source, ZoneId zone, long since, long lastCdr, int lines, long thresholdMinutes) {
        String at = time(zone, since);
        String last = time(zone, lastCdr);
        return AlertText.join(
                "数据源 " + source + " 中断：自 " + last + " 起 " + thresholdMinutes + " 分钟服务时间内未收到任何话单（该数据源承载 "
                        + lines + " 条线路），自 " + at + " 起",
                "feed " + source + " stale: no CDR at all in " + thresholdMinutes + " service minutes since " + last
                        + " (it carries " + lines + " lines), since " + at + " " + zone);
    }

    static String feedResolved(String source, ZoneId zone, long startsAt, long endsAt) {
        String since = time(zone, startsAt);
        String at = time(zone, endsAt);
        return AlertText.join("已恢复：数据源 " + source + " 中断（自 " + since + " 起），" + at + " 起重新收到话单",
                "Resolved: feed " + source + " stale (since " + since + "), CDRs arrive again at " + at);
    }

    static String feedForgotten(String source, ZoneId zone, long startsAt, long hours) {
        String since = time(zone, startsAt);
        return AlertText.join("不再监视：数据源 " + source + " 中断（自 " + since + " 起）后 " + hours
                        + " 小时未收到任何话单；需长期监视的数据源请在 alerts.feeds 中声明",
                "No longer watched: feed " + source + " stale (since " + since + "), no CDR for " + hours
                        + " hours; declare the feeds to watch in alerts.feeds");
    }

    private static String firing(LineContext ctx, long since, String zh, String en) {
        String at = time(ctx, since);
        return AlertText.join(who(ctx, true) + " " + zh + "，自 " + at + " 起",
                who(ctx, false) + " " + en + ", since " + at + " " + zone(ctx));
    }

    private static String who(LineContext ctx, boolean zh) {
        if (ctx.line() == null) {
            return zh ? "号码 " + ctx.number() : "number " + ctx.number();
        }
        String dept = ctx.departmentName() != null ? ctx.departmentName() : ctx.line().departmentId();
        return zh ? dept + " " + ctx.line().name() + "（" + ctx.number() + "）"
                : dept + " / " + ctx.line().name() + " (" + ctx.number() + ")";
    }

    private static String time(LineContext ctx, long t) {
        return time(zone(ctx), t);
    }

    private static String time(ZoneId zone, long t) {
        return MINUTE.format(Instant.ofEpochMilli(t).atZone(zone));
    }

    private static ZoneId zone(LineContext ctx) {
        return ctx.directory().calendar().zone();
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String modeZh(String mode) {
        return switch (mode) {
            case UnansweredMode.IVR_DEAD_END -> "语音导航无出口";
            case UnansweredMode.QUEUE_ABANDON -> "排队中放弃";
            default -> "振铃无人接";
        };
    }

    private static String typeZh(AlertType type) {
        return switch (type) {
            case OUT_OF_SERVICE -> "无法接通";
            case CONSTANT_BUSY -> "持续忙线";
            case UNANSWERED -> "无人接听";
            case SILENT -> "无来电";
            case HIGH_ABANDONMENT -> "放弃率高";
            case PROBE_FAILED -> "拨测失败";
            case UNKNOWN_LINE -> "未登记号码";
            case FEED_STALE -> "数据源中断";
        };
    }

    private static String typeEn(AlertType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
