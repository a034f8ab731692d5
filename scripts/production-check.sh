#!/usr/bin/env bash
# make production-check: the production profile on this machine's real services.
#
# Starts, on local ports, gunicorn (production settings), Daphne for the WebSockets of /ws/
# (the Redis channel layer, docs/decisions/0026), the task worker (django-tasks-db),
# the scheduler and Varnish in front (deploy/varnish/wemi.vcl), against the machine's
# PostgreSQL (its own database, wemi_prodcheck, created afresh) and Redis (one database
# number); seeds a small demo; walks the main journeys over HTTP through the proxy
# (scripts/production_journeys.py); stops everything it started, whatever happens.
#
# Environment: PRODCHECK_PORT (proxy, default 8180; gunicorn uses the next port, Daphne the
# one after),
# PRODCHECK_PG (default postgres://postgres@127.0.0.1:5432), PRODCHECK_REDIS_URL
# (default redis://127.0.0.1:6379/10), PRODCHECK_CHANNELS_URL (default .../11), PRODCHECK_DB
# (default wemi_prodcheck), PRODCHECK_KEEP=1 keeps the work directory and logs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="$ROOT/.venv/bin/python"
PROXY_PORT="${PRODCHECK_PORT:-8180}"
APP_PORT=$((PROXY_PORT + 1))
WS_PORT=$((PROXY_PORT + 2))
PG="${PRODCHECK_PG:-postgres://postgres@127.0.0.1:5432}"
DB_NAME="${PRODCHECK_DB:-wemi_prodcheck}"

bash scripts/apt-ensure.sh varnish
command -v varnishd >/dev/null || PATH="$PATH:/usr/sbin"
command -v varnishd >/dev/null || { echo "varnishd is not installed (apt-get install varnish)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/wemi-prodcheck.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() {
  status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/*.log; do
      [ -f "$log" ] || continue
      echo "---- last lines of $(basename "$log")" >&2; tail -n 30 "$log" >&2
    done
  fi
  if [ "${PRODCHECK_KEEP:-0}" = 1 ]; then echo "Logs kept in $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '==> %s\n' "$*"; }

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY="prodcheck-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DATABASE_URL="$PG/$DB_NAME"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_COOKIES=false DJANGO_SECURE_HSTS_SECONDS=0
export DJANGO_CACHE_BACKEND=django.core.cache.backends.redis.RedisCache
export DJANGO_CACHE_LOCATION="${PRODCHECK_REDIS_URL:-redis://127.0.0.1:6379/10}"
export DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend
export WEMI_CHANNEL_LAYER_URL="${PRODCHECK_CHANNELS_URL:-redis://127.0.0.1:6379/11}"
export WAGTAIL_FRONTEND_CACHE_URL="http://127.0.0.1:$PROXY_PORT"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PROXY_PORT"
export DJANGO_STATIC_ROOT="$WORK/static" DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export DJANGO_LOG_LEVEL=WARNING
export PRODCHECK_URL="http://127.0.0.1:$PROXY_PORT"
manage() { "$PY" manage.py "$@"; }

step "Database $DB_NAME (fresh) and Redis ${DJANGO_CACHE_LOCATION}"
"$PY" - <<PYEOF
import psycopg, redis
with psycopg.connect("$PG/postgres", autocommit=True) as connection:
    connection.execute("DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)")
    connection.execute("CREATE DATABASE $DB_NAME")
redis.Redis.from_url("$DJANGO_CACHE_LOCATION").flushdb()
redis.Redis.from_url("$WEMI_CHANNEL_LAYER_URL").flushdb()
PYEOF
step "migrate, collectstatic"
manage migrate --noinput -v 0
manage collectstatic --noinput -v 0
step "seed a small demo (the seed runs its tasks inline; the stack uses the worker)"
started=$SECONDS
(
  export DJANGO_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
  unset WAGTAIL_FRONTEND_CACHE_URL  # nothing is cached yet
  manage seed_content --scale 0.1 --force >"$WORK/seed.log"
  manage seed_translations --services 2 --force >>"$WORK/seed.log"
  manage seed_offers --force >>"$WORK/seed.log"
  manage rebuild_search_index >>"$WORK/seed.log"
  # The public address, for the purges (saved one by one: Wagtail caches the site roots).
  manage shell -c "
from django.core.cache import cache
from wagtail.models import Site
for site in Site.objects.all():
    site.hostname, site.port = '127.0.0.1', $PROXY_PORT
    site.save()
cache.clear()"
)
echo "    seeded in $((SECONDS - started)) s"

step "start gunicorn :$APP_PORT, Daphne :$WS_PORT, the task worker, the scheduler, Varnish :$PROXY_PORT"
"$ROOT/.venv/bin/gunicorn" --pythonpath site config.wsgi --bind "127.0.0.1:$APP_PORT" \
  --workers 2 --access-logfile - >"$WORK/gunicorn.log" 2>&1 &
PIDS+=($!)
# WebSockets only (/ws/, routed by Varnish); pages stay on gunicorn.
PYTHONPATH="$ROOT/site" "$ROOT/.venv/bin/daphne" -b 127.0.0.1 -p "$WS_PORT" \
  config.asgi:application >"$WORK/daphne.log" 2>&1 &
PIDS+=($!)
"$PY" manage.py db_worker --interval 0.2 --no-startup-delay >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
"$PY" manage.py run_scheduled_jobs >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)
sed -e "s/\.port = \"8000\"/.port = \"$APP_PORT\"/" -e "s/\.port = \"8001\"/.port = \"$WS_PORT\"/" \
  deploy/varnish/wemi.vcl >"$WORK/wemi.vcl"
varnishd -F -n "$WORK/varnish" -a "127.0.0.1:$PROXY_PORT" -f "$WORK/wemi.vcl" \
  -s malloc,64m -T 127.0.0.1:0 >"$WORK/varnish.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PROXY_PORT/health/" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$PROXY_PORT/health/" || { echo "the stack did not start" >&2; exit 1; }
for pid in "${PIDS[@]}"; do kill -0 "$pid" || { echo "a process of the stack died" >&2; exit 1; }; done

step "journeys through the proxy"
"$PY" scripts/production_journeys.py
step "the scheduler's jobs run once cleanly"
manage run_scheduled_jobs --once
echo "Production check passed."
