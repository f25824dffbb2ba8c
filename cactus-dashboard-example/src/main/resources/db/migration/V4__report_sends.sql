-- The weekly report webhook (io.cactus.dashboard.report.WeeklyReportJob): one row per ISO week whose
-- report.weekly event was published, inserted in the publish's transaction, so that of several
-- nodes only the first one's insert and publish commit. Runs unchanged on H2 2.x and PostgreSQL 12+.

CREATE TABLE report_sends (
    week       VARCHAR(8)               NOT NULL PRIMARY KEY,
    message_id VARCHAR(64),
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
