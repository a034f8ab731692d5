"""Public pages benchmark: requests per second under gunicorn, production settings, PostgreSQL.

    python bench/pages.py [--seconds 4] [--concurrency 2] [--workers 2] [--reuse] [--keep]

Seeds a small demo (the one ``make production-check`` uses) into its own PostgreSQL database
(``wemi_pagebench`` on ``BENCH_PG``, default ``postgres://postgres@127.0.0.1:5432``; kept with
``--keep`` and used again with ``--reuse``), starts gunicorn with the production settings on
Redis (``BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/11``) and, when ``varnishd`` is
installed, Varnish with ``deploy/varnish/wemi.vcl`` in front. Then, in one run, it measures
requests per second of:

- the floor: a plain Django view through the whole middleware stack (``/robots.txt``);
- the home page and a service page in Italian and Arabic, uncached (straight to gunicorn)
  and through the cache (Varnish);
- the search page with two facets, the search API, a logged-in citizen's basket;

each as a ratio to the floor, with the application's CPU time per request (the gunicorn
workers' user + system time over the requests they served). Everything it started is
stopped at the end. Ports: ``BENCH_PORT`` (Varnish, default 8117) and the next one (gunicorn).

Targets (issue 17): uncached home and service page >= 0.05x the floor, through the cache
>= 0.8x, search API >= 0.15x, logged-in basket >= 0.03x.
"""

import argparse
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "wemi_pagebench"
TARGETS = {"uncached page": 0.05, "cached page": 0.8, "search API": 0.15, "basket": 0.03}


def environment(pg, redis_url, proxy_port):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="pagebench-not-a-secret-" + "x" * 40,
        DATABASE_URL=f"{pg}/{DB_NAME}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_CACHE_BACKEND="django.core.cache.backends.redis.RedisCache",
        DJANGO_CACHE_LOCATION=redis_url,
        DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        WAGTAIL_FRONTEND_CACHE_URL=f"http://127.0.0.1:{proxy_port}",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=str(Path(tempfile.gettempdir()) / "wemi-pagebench-static"),
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
    )
    return env


def run(args, env, **kwargs):
    subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def database_exists(pg):
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        return bool(
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        )


def seed(pg, redis_url, env):
    import psycopg
    import redis

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DB_NAME}")
    redis.Redis.from_url(redis_url).flushdb()
    seed_env = dict(env, DJANGO_TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    seed_env.pop("WAGTAIL_FRONTEND_CACHE_URL")
    manage = [PY, "manage.py"]
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        run([*manage, "migrate", "--noinput", "-v", "0"], seed_env, stdout=quiet)
        for command in (
            ["seed_content", "--scale", "0.1", "--force"],
            ["seed_translations", "--services", "2", "--force"],
            ["seed_offers", "--force"],
            ["rebuild_search_index"],
        ):
            run([*manage, *command], seed_env, stdout=quiet)
    print(f"seeded {DB_NAME} in {time.perf_counter() - started:.0f} s")


PREPARE = r"""
import json, sys
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale, Site
from content.services.models import ServicePage
from content.taxonomy.models import Need, Zone

# The public address, for the purges.
for site in Site.objects.all():
    site.hostname, site.port = "127.0.0.1", int(sys.argv[1])
    site.save()
cache.clear()
italian = ServicePage.objects.live().filter(locale__language_code="it", alias_of__isnull=True)
arabic = ServicePage.objects.live().filter(locale__language_code="ar", alias_of__isnull=True)
service_ar = arabic.first()
service_it = italian.filter(translation_key=service_ar.translation_key).first()
need = Need.objects.filter(parent__isnull=False, locale=Locale.get_default()).first()
zone = Zone.objects.filter(kind="municipio", locale=Locale.get_default()).first()
User = get_user_model()
user = User.objects.filter(email="bench-citizen@wemi.example").first() or (
    User.objects.create_user(email="bench-citizen@wemi.example", password=None)
)
client = Client()
client.force_login(user)
print(json.dumps({
    "service_it": service_it.url, "service_ar": service_ar.url,
    "need": need.slug, "zone": zone.slug,
    "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
    "session_cookie": settings.SESSION_COOKIE_NAME,
}))
"""


def prepare(env, proxy_port):
    import json

    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", PREPARE.replace("sys.argv[1]", str(proxy_port))],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def wait_for(port, path="/health/", timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"nothing answers on port {port}")


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def cpu_seconds(pids):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def get(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def load(port, path, headers, seconds, concurrency):
    """Requests per second over ``seconds`` with ``concurrency`` clients; each request on its
    own connection (gunicorn's sync workers close them). Returns (req/s, count, statuses)."""
    counts = [0] * concurrency
    statuses = set()
    stop = time.perf_counter() + seconds

    def client(number):
        while time.perf_counter() < stop:
            statuses.add(get(port, path, headers).status)
            counts[number] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return sum(counts) / elapsed, sum(counts), statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="use the database of a --keep run")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    pg = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    proxy_port = int(os.environ.get("BENCH_PORT", "8117"))
    app_port = proxy_port + 1
    env = environment(pg, redis_url, proxy_port)
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")

    if not (args.reuse and database_exists(pg)):
        seed(pg, redis_url, env)
    with open(os.devnull, "w") as quiet:  # hashed static files, as in production
        run([PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, stdout=quiet)
    info = prepare(env, proxy_port)
    work = Path(tempfile.mkdtemp(prefix="wemi-pagebench."))
    work.chmod(0o755)
    processes = []
    try:
        gunicorn = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "--pythonpath", "site", "config.wsgi",
             "--bind", f"127.0.0.1:{app_port}", "--workers", str(args.workers)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(work / "gunicorn.log", "w"),
        )
        processes.append(gunicorn)
        if varnishd:
            vcl = (ROOT / "deploy/varnish/wemi.vcl").read_text()
            (work / "wemi.vcl").write_text(vcl.replace('.port = "8000"', f'.port = "{app_port}"'))
            processes.append(
                subprocess.Popen(
                    [varnishd, "-F", "-n", str(work / "varnish"), "-a", f"127.0.0.1:{proxy_port}",
                     "-f", str(work / "wemi.vcl"), "-s", "malloc,64m", "-T", "127.0.0.1:0"],
                    stdout=subprocess.DEVNULL, stderr=open(work / "varnish.log", "w"),
                )
            )
        wait_for(app_port)
        if varnishd:
            wait_for(proxy_port)
        workers = worker_pids(gunicorn.pid)

        anonymous = {"Host": f"127.0.0.1:{proxy_port}", "Accept-Language": "it"}
        citizen = {**anonymous, "Cookie": f"{info['session_cookie']}={info['session']}"}
        search_page = f"/it/cerca/?need={quote(info['need'])}&zone={quote(info['zone'])}"
        rows = [
            ("floor: plain Django view", app_port, "/robots.txt", anonymous, None),
            ("home (it), uncached", app_port, "/it/", anonymous, "uncached page"),
            ("service page (it), uncached", app_port, info["service_it"], anonymous,
             "uncached page"),
            ("service page (ar), uncached", app_port, info["service_ar"], anonymous,
             "uncached page"),
        ]
        if varnishd:
            rows += [
                ("home (it), through Varnish", proxy_port, "/it/", anonymous, "cached page"),
                ("service page (it), through Varnish", proxy_port, info["service_it"],
                 anonymous, "cached page"),
                ("service page (ar), through Varnish", proxy_port, info["service_ar"],
                 anonymous, "cached page"),
            ]
        rows += [
            ("search page, two facets", app_port, search_page, anonymous, None),
            ("search API", app_port, "/api/search/?lang=it&q=assistenza", anonymous,
             "search API"),
            ("basket, logged in", app_port, "/it/shop/basket/", citizen, "basket"),
        ]
        print(
            f"gunicorn {args.workers} workers (production settings, PostgreSQL, Redis)"
            f"{', Varnish in front' if varnishd else ', no Varnish installed'}; "
            f"{args.concurrency} clients, {args.seconds:g} s each; "
            f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n"
        )
        print(f"  {'':<38} {'req/s':>8} {'x floor':>8} {'app CPU/req':>12}  target")
        floor = None
        for label, port, path, headers, target in rows:
            for _ in range(5):  # warm: caches filled, Varnish primed
                status = get(port, path, headers).status
            if status != 200:
                raise SystemExit(f"{label}: {path} answered {status}")
            before = cpu_seconds(workers)
            rate, count, statuses = load(port, path, headers, args.seconds, args.concurrency)
            cpu_ms = (cpu_seconds(workers) - before) / count * 1000
            floor = floor or rate
            ratio = rate / floor
            goal = TARGETS.get(target)
            verdict = "" if goal is None else f">= {goal:g}x {'ok' if ratio >= goal else 'MISSED'}"
            if statuses != {200}:
                verdict += f" (statuses {sorted(statuses)})"
            print(f"  {label:<38} {rate:8.1f} {ratio:7.3f}x {cpu_ms:9.1f} ms  {verdict}")
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
        if not args.keep:
            import psycopg

            with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
