#!/usr/bin/env bash
# Serves Ventanilla under granian (WSGI) with a task worker beside it; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WORKERS="${WORKERS:-2}"
export PYTHONPATH="src${PYTHONPATH:+:$PYTHONPATH}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-ventanilla.settings.dev}"
# Every worker process writes its metrics here; /metrics adds them up.
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-var/prometheus}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

.venv/bin/python manage.py db_worker &
worker=$!
# Every minute: scheduled publication and expiry of sheets, and the view counters (catalog.tasks).
.venv/bin/python manage.py catalog_jobs &
catalog_jobs=$!
trap 'kill "$worker" "$catalog_jobs" 2>/dev/null || true' EXIT INT TERM

echo "Ventanilla at http://$HOST:$PORT/ (back office: http://$HOST:$PORT/admin/); task worker pid $worker"
# A worker that does not stop within 10 s of Ctrl-C is killed, so the shutdown always ends.
.venv/bin/granian --interface wsgi --host "$HOST" --port "$PORT" \
  --workers "$WORKERS" --blocking-threads 1 --workers-kill-timeout 10 --no-ws ventanilla.wsgi:application
