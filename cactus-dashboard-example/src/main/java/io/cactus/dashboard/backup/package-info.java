/**
 * Backups of the dashboard's H2 database: H2's online {@code BACKUP TO} (consistent while the app
 * runs) into {@code CACTUS_DATA_DIR/backups}, on a schedule and by the overview's "Back up now"
 * button, with a retention count. On PostgreSQL the app does not back up itself ({@code pg_dump},
 * docs/operations.md) and only reports the age of the newest file in a configured backup folder.
 */
@NullMarked
package io.cactus.dashboard.backup;

import org.jspecify.annotations.NullMarked;
