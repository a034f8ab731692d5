"""Real-time messages benchmark (issue 18): delay from sending a message to the other party
receiving it, with 50 open conversations, and the socket server's memory per open connection.

    python bench/messages.py [--conversations 50] [--rounds 4]

Runs the production shape on this machine: a Daphne process serving ``config.asgi`` (the
WebSockets), the Redis channel layer (``WEMI_CHANNEL_LAYER_URL``, default database 12), and
this process in the role of the application server that saves a message and announces it
after commit (``workflow.post_message``), as gunicorn does. Database: the demo's
(``config.settings.dev``, ``db.sqlite3``; run ``make demo`` or copy a seeded one first), in
which the benchmark creates a citizen, a provider's staff member and one request per
conversation, and deletes them at the end.

Printed side by side, measured in the same run:
- **socket**: a citizen has the 50 threads open over WebSockets; the provider posts one
  message at a time to a random thread; time until that socket receives it;
- **polling (baseline, the fallback)**: 50 pages poll ``messages.json`` every 3 s (the page's
  interval), from a random phase, against gunicorn (2 sync workers, the page server); the
  provider posts to each thread once at a random moment; time until the poll that returns it;
- **memory**: Daphne's resident set (VmRSS) before and after opening the sockets, divided by
  their number.
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("WEMI_CHANNEL_LAYER_URL", "redis://127.0.0.1:6379/12")
os.environ.setdefault("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
POLL_SECONDS = 3.0


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(label, samples_ms):
    print(f"  {label:<40} p50 {statistics.median(samples_ms):8.1f} ms   "
          f"p95 {percentile(samples_ms, 0.95):8.1f} ms   max {max(samples_ms):8.1f} ms   "
          f"(n={len(samples_ms)})")


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_conversations(count):
    """A citizen, a provider's staff member and ``count`` requests, one quote each."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from content.providers.models import ProviderPage
    from content.taxonomy.models import Need, Zone
    from marketplace.factories import partner_for
    from marketplace.quotes.models import Quote, QuoteRequest

    User = get_user_model()
    provider = ProviderPage.objects.filter(staff_group__isnull=False,
                                           locale__language_code="it").order_by("pk").first()
    if provider is None:
        sys.exit("No provider with staff: seed the demo first (make demo).")
    partner = partner_for(provider)
    User.objects.filter(email__in=["bench.citizen@wemi.example",
                                   "bench.staff@wemi.example"]).delete()  # an interrupted run
    citizen = User.objects.create_user(email="bench.citizen@wemi.example", password="bench")
    staff = User.objects.create_user(email="bench.staff@wemi.example", password="bench")
    staff.groups.add(provider.staff_group)
    need, zone = Need.objects.in_default_locale().first(), Zone.objects.in_default_locale().first()
    today = timezone.localdate()
    quotes = []
    for index in range(count):
        request = QuoteRequest.objects.create(
            citizen=citizen, need=need, zone=zone, description=f"Benchmark {index}",
            for_whom="-", people=1, period_start=today + datetime.timedelta(days=7),
            days_times="-", address="-", respond_by=today + datetime.timedelta(days=7),
            language="it",
        )
        quotes.append(Quote.objects.create(request=request, partner=partner,
                                           service_key=None, pricing_kind="market"))
    return citizen, staff, quotes


def session_cookie(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def socket_delays(base_ws, cookie, quotes, staff, rounds, server_pid):
    import json

    from websockets.sync.client import connect

    from marketplace.quotes import workflow
    from marketplace.quotes.models import QuoteMessage

    def open_socket(quote):
        return connect(f"{base_ws}/ws/quotes/{quote.uuid}/?after=0&lang=it",
                       additional_headers={"Cookie": cookie,
                                           "Origin": base_ws.replace("ws", "http", 1)},
                       open_timeout=30)

    def round_trip(socket, quote):
        workflow.post_message(quote, staff, QuoteMessage.Side.PROVIDER, "Buongiorno")
        while True:  # a reconnecting socket may first get older rows
            data = json.loads(socket.recv(timeout=30))
            if data["messages"][-1]["body"] == "Buongiorno":
                return

    # Warm-up (imports, first queries, translations in the server): not measured.
    for quote in quotes[:5]:
        with open_socket(quote) as socket:
            round_trip(socket, quote)
    time.sleep(1.0)
    before = rss_kib(server_pid)
    sockets = {quote.pk: open_socket(quote) for quote in quotes}
    for quote in quotes:  # the catch-up each socket gets on connect
        sockets[quote.pk].recv(timeout=30) if quote in quotes[:5] else None
    time.sleep(1.0)
    after = rss_kib(server_pid)
    delays = []
    for _round in range(rounds):
        for quote in random.sample(quotes, len(quotes)):
            started = time.perf_counter()
            round_trip(sockets[quote.pk], quote)
            delays.append((time.perf_counter() - started) * 1000)
    for socket in sockets.values():
        socket.close()
    return delays, before, after


def polling_delays(base_http, cookie, quotes, staff):
    import requests

    from marketplace.quotes import workflow
    from marketplace.quotes.models import QuoteMessage

    sent_at, received_at = {}, {}
    stop = threading.Event()

    def poller(quote):
        session = requests.Session()
        session.headers["Cookie"] = cookie
        url = f"{base_http}/it/shop/accounts/quotes/quote/{quote.uuid}/messages.json"
        last = quote.messages.order_by("-pk").values_list("pk", flat=True).first() or 0
        stop.wait(random.uniform(0, POLL_SECONDS))
        while not stop.is_set():
            rows = session.get(url, params={"after": last}, timeout=30).json()["messages"]
            if rows:
                received_at[quote.pk] = time.perf_counter()
                last = rows[-1]["id"]
            stop.wait(POLL_SECONDS)

    threads = [threading.Thread(target=poller, args=(quote,), daemon=True) for quote in quotes]
    for thread in threads:
        thread.start()
    time.sleep(POLL_SECONDS + 0.5)  # every page has polled once
    for quote in random.sample(quotes, len(quotes)):
        time.sleep(random.uniform(0.05, 0.25))
        sent_at[quote.pk] = time.perf_counter()
        workflow.post_message(quote, staff, QuoteMessage.Side.PROVIDER, "Buongiorno")
    deadline = time.monotonic() + POLL_SECONDS * 4
    while len(received_at) < len(quotes) and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    return [(received_at[pk] - sent_at[pk]) * 1000 for pk in sent_at if pk in received_at]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()

    import django

    django.setup()
    import redis
    from django.conf import settings

    redis.Redis.from_url(settings.WEMI_CHANNEL_LAYER_URL).flushdb()
    citizen, staff, quotes = make_conversations(args.conversations)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "site")}
    log = open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/daphne"), "-b", "127.0.0.1", "-p", str(port),
         "config.asgi:application"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
    )
    app_port = free_port()
    # The polling fallback is served by the page server, as in production (gunicorn, sync).
    pages = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--pythonpath", "site", "config.wsgi", "--bind",
         f"127.0.0.1:{app_port}", "--workers", "2"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
    )
    try:
        import requests

        for url in (f"http://127.0.0.1:{port}/health/", f"http://127.0.0.1:{app_port}/health/"):
            for _ in range(120):
                try:
                    requests.get(url, timeout=30)
                    break
                except requests.RequestException:
                    time.sleep(0.5)
        cookie = session_cookie(citizen)
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"Messages benchmark: {args.conversations} open conversations, Daphne "
              f"(pid {server.pid}) + Redis channel layer, {engine}")
        delays, before, after = socket_delays(f"ws://127.0.0.1:{port}", cookie, quotes, staff,
                                              args.rounds, server.pid)
        report("socket: send -> received", delays)
        polled = polling_delays(f"http://127.0.0.1:{app_port}", cookie, quotes, staff)
        report(f"baseline, polling every {POLL_SECONDS:g} s", polled)
        print(f"  socket server memory: {before / 1024:.1f} MiB idle, {after / 1024:.1f} MiB with "
              f"{len(quotes)} sockets open -> {(after - before) / len(quotes):.1f} KiB per "
              f"connection")
    finally:
        for process in (server, pages):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        from marketplace.quotes.models import QuoteRequest

        QuoteRequest.objects.filter(citizen=citizen).delete()
        citizen.delete()
        staff.delete()


if __name__ == "__main__":
    main()
