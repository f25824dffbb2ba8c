#!/usr/bin/env bash
# Restores an H2 backup (a zip written by the app's BACKUP TO: schedule, "Back up now", POST /api/backups)
# into a STOPPED CactusDashboard's data directory. See docs/operations.md ("Restoring a backup").
set -euo pipefail

readonly EXIT_USAGE=2 EXIT_RUNNING=3 EXIT_BAD_BACKUP=4

usage() {
  cat <<'EOF'
Usage: restore.sh [options] BACKUP.zip

Options (defaults match the layout in docs/operations.md):
  --install-dir DIR   where cactus-dashboard.jar lives; a relative CACTUS_DATA_DIR is under it (/opt/cactus-dashboard)
  --env-file FILE     the app's environment file: CACTUS_DATA_DIR, SERVER_PORT  (/etc/cactus-dashboard/cactus.env)
  --data-dir DIR      the data directory to restore into (default: CACTUS_DATA_DIR, else INSTALL_DIR/data)
  --pid-file FILE     the app's pid file                                      (INSTALL_DIR/cactus-dashboard.pid)
  --port N            the app's HTTP port, refused while something listens there (SERVER_PORT, else 8080)
  -h, --help          this text

It refuses while the app runs (a live pid in the pid file, its port open, or H2's cactus.lock.db present),
verifies the zip (readable, holds cactus.mv.db), moves the current database aside into
DATA_DIR/replaced-<time>/ and unpacks the backup's cactus.mv.db in its place (owner-only, 0600).
Exit codes: 0 restored, 2 usage, 3 the app is running, 4 not a usable backup, 1 any other error.
EOF
}

say() { printf 'restore.sh: %s\n' "$*" >&2; }
die() { local code=$1; shift; say "$*"; exit "$code"; }

INSTALL_DIR=/opt/cactus-dashboard
ENV_FILE=/etc/cactus-dashboard/cactus.env
DATA_DIR_OPT=""
PID_FILE=""
PORT_OPT=""
BACKUP=""

while [ $# -gt 0 ]; do
  case "$1" in
    --install-dir) INSTALL_DIR=${2:?--install-dir needs a value}; shift 2 ;;
    --env-file) ENV_FILE=${2:?--env-file needs a value}; shift 2 ;;
    --data-dir) DATA_DIR_OPT=${2:?--data-dir needs a value}; shift 2 ;;
    --pid-file) PID_FILE=${2:?--pid-file needs a value}; shift 2 ;;
    --port) PORT_OPT=${2:?--port needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; die "$EXIT_USAGE" "unknown option: $1" ;;
    *) [ -z "$BACKUP" ] || die "$EXIT_USAGE" "one backup only (got '$BACKUP' and '$1')"; BACKUP=$1; shift ;;
  esac
done
[ -n "$BACKUP" ] || { usage >&2; exit "$EXIT_USAGE"; }
command -v unzip > /dev/null || die 1 "unzip is needed (apt-get install unzip)"

if [ -f "$ENV_FILE" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
fi
PID_FILE=${PID_FILE:-$INSTALL_DIR/cactus-dashboard.pid}
PORT=${PORT_OPT:-${SERVER_PORT:-8080}}
DATA_DIR=${DATA_DIR_OPT:-${CACTUS_DATA_DIR:-data}}
case "$DATA_DIR" in /*) ;; *) DATA_DIR=$INSTALL_DIR/$DATA_DIR ;; esac

# --- the app must be stopped ---------------------------------------------------------------------------
if [ -f "$PID_FILE" ]; then
  pid=$(tr -dc '0-9' < "$PID_FILE")
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    die "$EXIT_RUNNING" "refused: the app is running (pid $pid in $PID_FILE); stop it first"
  fi
fi
if (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then
  die "$EXIT_RUNNING" "refused: something listens on port $PORT (the app?); stop it first"
fi
if [ -e "$DATA_DIR/cactus.lock.db" ]; then
  die "$EXIT_RUNNING" "refused: $DATA_DIR/cactus.lock.db exists: the database is open (or was not closed; if no app runs, delete it)"
fi

# --- the backup must be usable -------------------------------------------------------------------------
if [ ! -f "$BACKUP" ] || [ ! -r "$BACKUP" ]; then die "$EXIT_BAD_BACKUP" "no readable backup at $BACKUP"; fi
unzip -tq "$BACKUP" > /dev/null 2>&1 || die "$EXIT_BAD_BACKUP" "not a valid zip (corrupt or truncated): $BACKUP"
unzip -Z1 "$BACKUP" 2> /dev/null | grep -qx 'cactus.mv.db' \
  || die "$EXIT_BAD_BACKUP" "$BACKUP holds no cactus.mv.db: not a CactusDashboard H2 backup"

# --- restore -------------------------------------------------------------------------------------------
umask 077
mkdir -p "$DATA_DIR"
chmod 700 "$DATA_DIR"
if [ -e "$DATA_DIR/cactus.mv.db" ] || [ -e "$DATA_DIR/cactus.trace.db" ]; then
  aside=$DATA_DIR/replaced-$(date -u +%Y%m%d-%H%M%S)
  mkdir "$aside"
  for f in cactus.mv.db cactus.trace.db; do
    if [ -e "$DATA_DIR/$f" ]; then mv "$DATA_DIR/$f" "$aside/"; fi
  done
  say "the current database moved aside to $aside"
fi
unzip -q -o "$BACKUP" cactus.mv.db -d "$DATA_DIR"
chmod 600 "$DATA_DIR/cactus.mv.db"
say "restored $BACKUP into $DATA_DIR/cactus.mv.db; start the app (migrations newer than the backup run at start)"
