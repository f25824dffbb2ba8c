#!/usr/bin/env bash
# Upgrades CactusDashboard to a new jar: validate, back up, stop gracefully, swap, start, wait for
# health; roll back to the previous jar and the backup when the new one does not become healthy.
# See docs/operations.md ("Upgrading") for the layout, the systemd unit and the exit codes.
set -euo pipefail

readonly EXIT_USAGE=2 EXIT_REFUSED=3 EXIT_ROLLED_BACK=4 EXIT_ROLLBACK_FAILED=5
readonly NEWER_MARKER="newer than this build"

usage() {
  cat <<'EOF'
Usage: update.sh [options] NEW_JAR

Options (defaults match the layout in docs/operations.md):
  --install-dir DIR      where cactus-dashboard.jar lives        (/opt/cactus-dashboard)
  --env-file FILE        the environment file the app reads      (/etc/cactus-dashboard/cactus.env)
  --service UNIT         systemd unit to stop and start; without it the app runs from a pid file
  --pid-file FILE        pid file in pid-file mode               (INSTALL_DIR/cactus-dashboard.pid)
  --log-file FILE        the app's output in pid-file mode       (INSTALL_DIR/logs/cactus-dashboard.log)
  --base-url URL         the app's address                       (http://127.0.0.1:$SERVER_PORT, port 8080)
  --health-url URL       polled until it answers {"status":"UP"} (BASE_URL/health)
  --health-timeout SECS  how long the new jar has to become healthy (180)
  --stop-timeout SECS    how long a graceful stop may take before SIGKILL (90)
  --pg-dump              on PostgreSQL: pg_dump before the swap, pg_restore on rollback (libpq PG* variables)
  -h, --help             this text

Exit codes: 0 upgraded (or installed), 2 usage, 3 refused before anything was stopped (the new jar's
--validate failed, e.g. the database is newer than the new jar), 4 the new jar did not become healthy
and the previous jar and the backup are running again, 5 the rollback did not become healthy either
(see the log), 1 any other error.
EOF
}

say() { printf 'update.sh: %s\n' "$*" >&2; }
die() { local code=$1; shift; say "$*"; exit "$code"; }

INSTALL_DIR=/opt/cactus-dashboard
ENV_FILE=/etc/cactus-dashboard/cactus.env
SERVICE=""
PID_FILE=""
LOG_FILE=""
BASE_URL=""
HEALTH_URL=""
HEALTH_TIMEOUT=180
STOP_TIMEOUT=90
PG_DUMP=false
NEW_JAR=""

while [ $# -gt 0 ]; do
  case "$1" in
    --install-dir) INSTALL_DIR=${2:?--install-dir needs a value}; shift 2 ;;
    --env-file) ENV_FILE=${2:?--env-file needs a value}; shift 2 ;;
    --service) SERVICE=${2:?--service needs a value}; shift 2 ;;
    --pid-file) PID_FILE=${2:?--pid-file needs a value}; shift 2 ;;
    --log-file) LOG_FILE=${2:?--log-file needs a value}; shift 2 ;;
    --base-url) BASE_URL=${2:?--base-url needs a value}; shift 2 ;;
    --health-url) HEALTH_URL=${2:?--health-url needs a value}; shift 2 ;;
    --health-timeout) HEALTH_TIMEOUT=${2:?--health-timeout needs a value}; shift 2 ;;
    --stop-timeout) STOP_TIMEOUT=${2:?--stop-timeout needs a value}; shift 2 ;;
    --pg-dump) PG_DUMP=true; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "$EXIT_USAGE" "unknown option: $1" ;;
    *) [ -z "$NEW_JAR" ] || die "$EXIT_USAGE" "one jar only (got '$NEW_JAR' and '$1')"; NEW_JAR=$1; shift ;;
  esac
done
[ -n "$NEW_JAR" ] || { usage >&2; exit "$EXIT_USAGE"; }
if [ ! -f "$NEW_JAR" ] || [ ! -r "$NEW_JAR" ]; then die "$EXIT_USAGE" "no readable jar at $NEW_JAR"; fi
case "$HEALTH_TIMEOUT$STOP_TIMEOUT" in *[!0-9]*) die "$EXIT_USAGE" "--health-timeout and --stop-timeout are whole seconds" ;; esac
command -v curl > /dev/null || die 1 "curl is needed (apt-get install curl)"
command -v unzip > /dev/null || die 1 "unzip is needed (apt-get install unzip)"

NEW_JAR=$(cd "$(dirname "$NEW_JAR")" && pwd)/$(basename "$NEW_JAR")
mkdir -p "$INSTALL_DIR"
INSTALL_DIR=$(cd "$INSTALL_DIR" && pwd)

# The app's environment, exported so that the java processes started here see it as systemd's would.
if [ -f "$ENV_FILE" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
else
  say "no environment file at $ENV_FILE: using the current environment"
fi

PID_FILE=${PID_FILE:-$INSTALL_DIR/cactus-dashboard.pid}
LOG_FILE=${LOG_FILE:-$INSTALL_DIR/logs/cactus-dashboard.log}
BASE_URL=${BASE_URL:-http://127.0.0.1:${SERVER_PORT:-8080}}
HEALTH_URL=${HEALTH_URL:-$BASE_URL/health}
JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA=$JAVA_HOME/bin/java; fi
read -r -a JAVA_OPTS <<< "${CACTUS_JAVA_OPTS:-}"
read -r -a APP_ARGS <<< "${CACTUS_APP_ARGS:-}"

CURRENT=$INSTALL_DIR/cactus-dashboard.jar
PREVIOUS=$INSTALL_DIR/cactus-dashboard.jar.previous
FAILED=$INSTALL_DIR/cactus-dashboard.jar.failed

POSTGRES=false
case "${SPRING_DATASOURCE_URL:-}" in jdbc:postgresql:*) POSTGRES=true ;; esac
# the same rule as the app (io.cactus.dashboard.config.DataDirectory): relative to the jar's folder
DATA_DIR=${CACTUS_DATA_DIR:-data}
case "$DATA_DIR" in /*) ;; *) DATA_DIR=$INSTALL_DIR/$DATA_DIR ;; esac
BACKUP_DIR=${CACTUS_BACKUP_DIR:-backups}
case "$BACKUP_DIR" in /*) ;; *) BACKUP_DIR=$DATA_DIR/$BACKUP_DIR ;; esac
DB_FILE=$DATA_DIR/cactus.mv.db
STAMP=$(date -u +%Y%m%d-%H%M%S)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cactus-update.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

app_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(tr -dc '0-9' < "$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null && printf '%s\n' "$pid"
}

is_running() {
  if [ -n "$SERVICE" ]; then systemctl is-active --quiet "$SERVICE"; else app_pid > /dev/null; fi
}

stop_app() {
  if [ -n "$SERVICE" ]; then
    say "stopping $SERVICE (SIGTERM; in-flight attempts finish, the rest is given back)"
    systemctl stop "$SERVICE"
    return
  fi
  local pid waited=0
  pid=$(app_pid) || { rm -f "$PID_FILE"; return 0; }
  say "stopping pid $pid (SIGTERM; in-flight attempts finish, the rest is given back)"
  kill -TERM "$pid" 2> /dev/null || true
  while kill -0 "$pid" 2> /dev/null; do
    if [ "$waited" -ge $((STOP_TIMEOUT * 2)) ]; then
      say "pid $pid still running after ${STOP_TIMEOUT}s: SIGKILL (its leased deliveries are retried after the lease)"
      kill -KILL "$pid" 2> /dev/null || true
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  while kill -0 "$pid" 2> /dev/null; do sleep 0.2; done
  rm -f "$PID_FILE"
}

start_app() {
  if [ -n "$SERVICE" ]; then
    say "starting $SERVICE"
    systemctl start "$SERVICE"
    return
  fi
  mkdir -p "$(dirname "$LOG_FILE")"
  say "starting $CURRENT (log $LOG_FILE)"
  (cd "$INSTALL_DIR" && exec nohup "$JAVA" "${JAVA_OPTS[@]}" -jar "$CURRENT" "${APP_ARGS[@]}" >> "$LOG_FILE" 2>&1 < /dev/null) &
  printf '%s\n' "$!" > "$PID_FILE"
}

# 0 once the health URL answers UP; 1 after the timeout or when the process has exited.
wait_healthy() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if curl -fsS -m 5 "$HEALTH_URL" 2> /dev/null | grep -q '"status":"UP"'; then
      return 0
    fi
    if ! is_running; then
      say "the app exited before it became healthy"
      return 1
    fi
    sleep 1
  done
  say "not healthy within ${HEALTH_TIMEOUT}s at $HEALTH_URL"
  return 1
}

# An online backup by the running app (H2 BACKUP TO, consistent): POST /api/backups. Prints the zip's path.
online_backup() {
  local auth=()
  if [ -n "${CACTUS_API_TOKEN:-}" ]; then
    auth=(-H @"$WORK/auth")
    printf 'Authorization: Bearer %s\n' "$CACTUS_API_TOKEN" > "$WORK/auth"
  elif [ -n "${ADMIN_PASSWORD:-}" ]; then
    # credentials through a file, never on the command line (ps would show them)
    printf 'user = "%s:%s"\n' "${ADMIN_USER:-admin}" "$ADMIN_PASSWORD" > "$WORK/auth"
    auth=(-K "$WORK/auth")
  else
    return 1
  fi
  chmod 600 "$WORK/auth"
  local json
  json=$(curl -fsS -m 300 -X POST "${auth[@]}" "$BASE_URL/api/backups") || return 1
  rm -f "$WORK/auth"
  printf '%s\n' "$json" | sed -n 's/.*"path":"\([^"]*\)".*/\1/p'
}

# Runs the new jar's --validate on what the database holds now; refuses (exit 3) when it fails.
validate_new_jar() {
  local dir=$DATA_DIR out code=0
  if [ "$POSTGRES" = false ] && is_running; then
    # H2 lets one process open the file: validate a consistent copy of it
    local zip=""
    zip=$(online_backup) || zip=""
    dir=$WORK/validate
    mkdir -p "$dir"
    if [ -n "$zip" ] && [ -f "$zip" ]; then
      say "online backup taken: $zip"
      unzip -q "$zip" -d "$dir"
    else
      say "no online backup (set ADMIN_PASSWORD or CACTUS_API_TOKEN in $ENV_FILE): validating a copy of $DB_FILE"
      cp "$DB_FILE" "$dir/"
    fi
  fi
  say "checking $NEW_JAR against the database (--validate)"
  out=$(CACTUS_DATA_DIR=$dir "$JAVA" "${JAVA_OPTS[@]}" -jar "$NEW_JAR" --validate "${APP_ARGS[@]}" 2>&1) || code=$?
  if [ "$code" -eq 0 ]; then
    return 0
  fi
  printf '%s\n' "$out" | grep -E '^\[FAIL\]|Error' >&2 || printf '%s\n' "$out" | tail -20 >&2
  if printf '%s\n' "$out" | grep -q "$NEWER_MARKER"; then
    die "$EXIT_REFUSED" "refused: the database is newer than $NEW_JAR (the [FAIL] line above names both versions); nothing was stopped (installed: $CURRENT)"
  fi
  die "$EXIT_REFUSED" "refused: $NEW_JAR --validate failed (exit $code); nothing was stopped (installed: $CURRENT)"
}

# After the stop: the database as it is now, for a rollback.
ROLLBACK_POINT=""
save_rollback_point() {
  if [ "$POSTGRES" = true ]; then
    if [ "$PG_DUMP" = true ]; then
      mkdir -p "$BACKUP_DIR" && chmod 700 "$BACKUP_DIR"
      ROLLBACK_POINT=$BACKUP_DIR/pre-update-$STAMP.dump
      say "pg_dump into $ROLLBACK_POINT"
      (umask 077 && pg_dump --format=custom --file="$ROLLBACK_POINT")
    else
      say "PostgreSQL without --pg-dump: no backup taken here (take one with pg_dump first)"
    fi
    return
  fi
  [ -f "$DB_FILE" ] || return 0
  ROLLBACK_POINT=$BACKUP_DIR/pre-update-$STAMP
  mkdir -p "$BACKUP_DIR" && chmod 700 "$BACKUP_DIR"
  mkdir -m 700 "$ROLLBACK_POINT"
  cp -p "$DB_FILE" "$ROLLBACK_POINT/"
  say "database copied (stopped, consistent) to $ROLLBACK_POINT"
}

restore_rollback_point() {
  [ -n "$ROLLBACK_POINT" ] || { say "no backup to restore: the database stays as the new jar left it"; return 0; }
  if [ "$POSTGRES" = true ]; then
    say "pg_restore from $ROLLBACK_POINT"
    pg_restore --clean --if-exists --single-transaction --dbname="${PGDATABASE:-cactus}" "$ROLLBACK_POINT"
    return
  fi
  [ -f "$DB_FILE" ] && mv "$DB_FILE" "$ROLLBACK_POINT/cactus.mv.db.after-failed-update"
  cp -p "$ROLLBACK_POINT/cactus.mv.db" "$DB_FILE"
  say "database restored from $ROLLBACK_POINT (the failed start's file kept beside it)"
}

if [ ! -f "$CURRENT" ]; then
  say "no $CURRENT yet: installing $NEW_JAR"
  is_running && die "$EXIT_REFUSED" "refused: an app is running (pid file $PID_FILE / unit $SERVICE) but $CURRENT is missing"
  cp "$NEW_JAR" "$CURRENT"
  start_app
  wait_healthy || die 1 "the installed jar did not become healthy (see $LOG_FILE)"
  say "installed and healthy: $CURRENT"
  exit 0
fi

validate_new_jar
was_running=false
if is_running; then was_running=true; stop_app; fi
save_rollback_point

cp "$NEW_JAR" "$CURRENT.new"
mv "$CURRENT" "$PREVIOUS"
mv "$CURRENT.new" "$CURRENT"
say "swapped: $CURRENT is the new jar, $PREVIOUS the one before"
start_app
if wait_healthy; then
  say "upgraded and healthy: $CURRENT (previous kept at $PREVIOUS${ROLLBACK_POINT:+, backup $ROLLBACK_POINT})"
  exit 0
fi

say "rolling back to $PREVIOUS and the backup"
stop_app
mv "$CURRENT" "$FAILED"
mv "$PREVIOUS" "$CURRENT"
restore_rollback_point
if [ "$was_running" = false ]; then
  say "rolled back (the app was not running before the update: not started)"
  exit "$EXIT_ROLLED_BACK"
fi
start_app
if wait_healthy; then
  die "$EXIT_ROLLED_BACK" "rolled back: the new jar (kept at $FAILED) did not become healthy; the previous jar runs again"
fi
die "$EXIT_ROLLBACK_FAILED" "the rollback did not become healthy either: see $LOG_FILE"
