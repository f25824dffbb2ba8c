-- The weekly report webhook (io.cactus.dashboard.report.WeeklyReportJob): one row per ISO week whose
-- report.weekly event was published, with its message id. The event's idempotency key keeps nodes that
-- publish at once from sending it twice; this row stops every later check, after the library's
-- idempotency window too. Runs unchanged on H2 2.x and PostgreSQL 12+.

CREATE TABLE report_sends (
    week       VARCHAR(8)               NOT NULL PRIMARY KEY,
    message_id VARCHAR(64)              NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
