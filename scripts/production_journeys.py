"""The main journeys over HTTP through the caching proxy (run by scripts/production-check.sh).

    PRODCHECK_URL=http://127.0.0.1:8180 python scripts/production_journeys.py

Runs with the stack's own environment (production settings, the check's database), so that
it can also look at what the task worker did. Exits non-zero at the first failed check.
Checks:
- home and a service page in Italian and Arabic answer 200, and the second anonymous request
  is a cache hit;
- the search page with two facets;
- a citizen buys a service: basket, checkout, order, receipt PDF; the confirmation e-mail and
  the search update were done by the task worker (task rows finished by a worker), not inline;
- a change published the way the admin publishes (a revision, published) reaches the public
  page through the cache in every language within a few seconds;
- real-time messages: a provider's staff member has a quote thread open over a WebSocket
  through the proxy (Daphne, /ws/); the citizen posts a message with the page's form
  (gunicorn); it arrives on the socket within a few seconds (Redis channel layer); another
  citizen's socket is refused.
"""

import datetime
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urljoin

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django_tasks import TaskResultStatus  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402

from content.services.models import ServicePage  # noqa: E402

BASE = os.environ.get("PRODCHECK_URL", "http://127.0.0.1:8180").rstrip("/")
CITIZEN = ("cittadino@wemi.example", "wemi-cittadino")
PUBLISH_DEADLINE = float(os.environ.get("PRODCHECK_PUBLISH_SECONDS", "10"))
Order = get_model("order", "Order")
Email = get_model("communication", "Email")
checks = 0


def ok(message):
    global checks
    checks += 1
    print(f"  ok  {message}")


def fail(message):
    print(f"  FAIL {message}", file=sys.stderr)
    sys.exit(1)


def expect(condition, message):
    ok(message) if condition else fail(message)


def get(session, path, **kwargs):
    response = session.get(urljoin(BASE, path), timeout=30, **kwargs)
    if response.status_code >= 500:
        fail(f"GET {path}: {response.status_code}")
    return response


def anonymous_get(path):
    return get(requests.Session(), path)


def cached_twice(path, label):
    first = anonymous_get(path)
    expect(first.status_code == 200, f"{label}: 200 ({path})")
    second = anonymous_get(path)
    expect(
        second.status_code == 200 and second.headers.get("X-Cache") == "HIT",
        f"{label}: second request from the cache (X-Cache {second.headers.get('X-Cache')})",
    )
    expect("Set-Cookie" not in second.headers, f"{label}: no cookie set for anonymous visitors")
    return second


def form_data(form, overrides):
    """The values a browser would send for ``form``, with ``overrides``."""
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or next(
                (o for o in field.find_all("option") if o.get("value")), None
            )
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button"):
            data[name] = field.get("value", "") if field.name == "input" else field.text
    data.update(overrides)
    return data


def submit(session, path, form_selector, overrides):
    page = get(session, path)
    expect(page.status_code == 200, f"form page {path}")
    form = BeautifulSoup(page.text, "html.parser").select_one(form_selector)
    if form is None:
        fail(f"no form {form_selector!r} on {path}")
    action = urljoin(page.url, form.get("action") or page.url)
    response = session.post(
        action, data=form_data(form, overrides), headers={"Referer": page.url}, timeout=60
    )
    if response.status_code >= 400:
        fail(f"POST {action}: {response.status_code}")
    return response


def wait_for(condition, seconds, message):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            ok(message)
            return
        time.sleep(0.25)
    fail(f"{message} (not within {seconds:g} s)")


def public_pages():
    italian = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    arabic = Locale.objects.get(language_code="ar")
    services = ServicePage.objects.live().filter(locale=italian).order_by("path")
    # A service with an Arabic translation of its own and offers on sale.
    # An offer with a number of places: buying it changes the stock record, which the search
    # index and the cache follow.
    StockRecord = get_model("partner", "StockRecord")
    on_sale = set(
        StockRecord.objects.filter(num_in_stock__gt=5).values_list(
            "product__service_key", flat=True
        )
    )
    translated = set(
        Page.objects.filter(locale=arabic, alias_of__isnull=True).values_list(
            "translation_key", flat=True
        )
    )
    candidates = [s for s in services if s.translation_key in on_sale]
    if not candidates:
        fail("no service with an offer with places in the demo")
    service = next((s for s in candidates if s.translation_key in translated), candidates[0])
    return service, service.get_translation(arabic)


def journey_public(service, service_ar):
    print("Public pages through the cache:")
    home = cached_twice("/it/", "home (it)")
    expect('lang="it"' in home.text, "home (it) is in Italian")
    home_ar = cached_twice("/ar/", "home (ar)")
    expect('dir="rtl"' in home_ar.text, "home (ar) is right to left")
    cached_twice(service.url, "service page (it)")
    cached_twice(service_ar.url, "service page (ar)")


def log_in(email, password):
    session = requests.Session()
    submit(
        session,
        "/it/shop/accounts/login/",
        "form:has(input[name='login-username'])",
        {"login-username": email, "login-password": password, "login_submit": "1"},
    )
    expect("sessionid" in session.cookies, f"{email} logged in")
    return session


def journey_no_one_sees_another(service):
    """Two citizens and an anonymous visitor, in turns, on the same cached page."""
    print("Two citizens and an anonymous visitor on one cached service page:")
    marco = log_in("cittadino@wemi.example", "wemi-cittadino")
    fatima = log_in("isee.basso@wemi.example", "wemi-cittadino")
    for _round in range(2):
        for name, session, _email, other in (
            ("Marco", marco, "cittadino@wemi.example", "isee.basso@wemi.example"),
            ("Fatima", fatima, "isee.basso@wemi.example", "cittadino@wemi.example"),
        ):
            page = get(session, service.url)
            expect(page.headers.get("X-Cache") != "HIT", f"{name}: not from the shared cache")
            expect("form" in page.text and "/add/" in page.text, f"{name}: the booking form")
            expect(other not in page.text, f"{name}: nothing of the other citizen")
        page = anonymous_get(service.url)
        expect(page.headers.get("X-Cache") == "HIT", "anonymous: from the cache")
        expect(
            "/add/" not in page.text
            and "cittadino@wemi.example" not in page.text
            and "isee.basso@wemi.example" not in page.text
            and "Colombo" not in page.text and "El Sayed" not in page.text,
            "anonymous: no citizen's data, no booking form",
        )


def journey_search():
    print("Search with facets:")
    api = anonymous_get("/api/search/?lang=it&q=assistenza")
    expect(api.status_code == 200 and api.json()["total"] > 0, "search API finds services")
    facets = api.json()["facets"]
    chosen = {}
    for name in ("need", "zone", "audience", "mode", "category"):
        options = [o for o in facets.get(name, []) if o["count"]]
        if options and len(chosen) < 2:
            chosen[name] = options[0]["value"]
    expect(len(chosen) == 2, f"two facets to choose from ({', '.join(chosen)})")
    page = anonymous_get("/it/cerca/?" + urlencode({"q": "assistenza", **chosen}))
    expect(page.status_code == 200, f"search page with two facets {chosen}")
    again = anonymous_get("/api/search/?" + urlencode({"lang": "it", "q": "assistenza", **chosen}))
    expect(again.status_code == 200, f"search API with the same facets: {again.json()['total']}")


def journey_purchase(service):
    print("A purchase, its e-mail and search update by the worker:")
    started = datetime.datetime.now(datetime.UTC)
    citizen = requests.Session()
    submit(
        citizen,
        "/it/shop/accounts/login/",
        "form#login_form, form:has(input[name='login-username'])",
        {"login-username": CITIZEN[0], "login-password": CITIZEN[1], "login_submit": "1"},
    )
    expect("sessionid" in citizen.cookies, "citizen logged in")
    page = get(citizen, service.url)
    expect(page.headers.get("X-Cache") != "HIT", "a logged-in visitor is not served from the cache")
    soup = BeautifulSoup(page.text, "html.parser")
    form = soup.select_one("form[action*='/add/']")
    expect(form is not None, "the service page shows the booking form to the citizen")
    StockRecord = get_model("partner", "StockRecord")
    with_places = {
        str(pk)
        for pk in StockRecord.objects.filter(num_in_stock__gt=5).values_list("pk", flat=True)
    }
    offer = next(
        i["value"] for i in form.select("input[name=offer]") if i["value"] in with_places
    )
    from content.taxonomy.models import Zone
    from marketplace.zones import serves_zone

    zone = next(
        o["value"]
        for o in form.select("select[name=zone] option")
        if o.get("value") and serves_zone(service.facts_source, Zone.objects.get(pk=o["value"]))
    )
    start = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = citizen.post(
        urljoin(page.url, form["action"]),
        data=form_data(form, {
            "offer": offer, "quantity": "2", "start_date": start, "frequency": "weekly",
            "street": "Via Pascoli 12", "zone": zone,
        }),
        headers={"Referer": page.url},
        timeout=60,
    )
    expect(response.url.endswith("/shop/basket/"), f"added to the basket ({response.url})")
    submit(citizen, "/it/shop/checkout/contact/", "main form[method=post]",
           {"name": "Marco Colombo", "phone": "+39 02 1234567"})
    submit(citizen, "/it/shop/checkout/payment-method/", "main form[method=post]",
           {"method": "pay-provider"})
    response = submit(citizen, "/it/shop/checkout/preview/", "form#place_order_form",
                      {"consent": "on", "action": "place_order"})
    expect(response.url.endswith("/checkout/thank-you/"), f"order placed ({response.url})")
    order = Order.objects.filter(user__email=CITIZEN[0], date_placed__gte=started).latest("id")
    expect(order.number in response.text, f"thank-you page names order {order.number}")
    orders = get(citizen, "/it/shop/accounts/orders/")
    link = BeautifulSoup(orders.text, "html.parser").select_one(
        f"a[href*='/receipts/{order.number}.pdf']"
    )
    expect(link is not None, "the order list links the receipt")
    receipt = get(citizen, link["href"])
    expect(
        receipt.status_code == 200 and receipt.content.startswith(b"%PDF"), "receipt PDF"
    )

    def done_by_worker(task_path, **filters):
        rows = DBTaskResult.objects.filter(task_path=task_path, enqueued_at__gte=started, **filters)
        return rows.exists() and all(
            row.status == TaskResultStatus.SUCCESSFUL and row.worker_ids for row in rows
        )

    wait_for(
        lambda: done_by_worker("marketplace.checkout.tasks.send_order_placed_email"),
        30, "order e-mail task run by the worker",
    )
    expect(Email.objects.filter(user=order.user, subject__contains=order.number).exists()
           or Email.objects.filter(user=order.user, date_sent__gte=started).exists(),
           "the confirmation e-mail was sent and recorded")
    wait_for(lambda: done_by_worker("search.indexing.update_services"), 30,
             "search update task (the offer's places changed) run by the worker")


def journey_publish(service):
    print("Publishing reaches every language through the cache:")
    urls = {}
    for locale in Locale.objects.all():
        translation = service.get_translation_or_none(locale)
        if translation is not None and translation.live:
            urls[locale.language_code] = translation.url
    expect(len(urls) == len(settings.LANGUAGES), f"service in {len(urls)} languages")
    for url in urls.values():
        anonymous_get(url)
        expect(anonymous_get(url).headers.get("X-Cache") == "HIT", f"{url} cached")
    marker = f"verificato {int(time.time())}"
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.filter(is_superuser=True).first()
    changes = {}
    for language in urls:
        page = Page.objects.get(
            translation_key=service.translation_key, locale__language_code=language
        ).specific
        if page.alias_of_id:
            changes[language] = None  # follows the Italian page when it is published
            continue
        page.title = f"{page.title} ({marker} {language})"
        revision = page.save_revision(user=editor)
        revision.publish(user=editor)  # what the admin's "Publish" does
        changes[language] = page.title
    published = time.monotonic()
    italian_title = changes[settings.LANGUAGE_CODE]
    for language, url in urls.items():
        wanted = changes[language] or italian_title

        def shows_change(url=url, wanted=wanted):
            return wanted.replace("&", "&amp;") in anonymous_get(url).text

        wait_for(shows_change, PUBLISH_DEADLINE, f"{language}: the change is public at {url}")
    print(f"  (all languages updated {time.monotonic() - published:.1f} s after publishing)")
    wait_for(
        lambda: all(anonymous_get(url).headers.get("X-Cache") == "HIT" for url in urls.values()),
        10, "the updated pages are cached again",
    )


def _socket(session, path):
    """A WebSocket through the proxy with ``session``'s cookies, as the page opens it."""
    from websockets.sync.client import connect

    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    return connect(
        BASE.replace("http", "ws", 1) + path, open_timeout=10,
        additional_headers={"Cookie": cookie, "Origin": BASE},
    )


def journey_realtime():
    """A message posted through gunicorn reaches the other party's socket (Daphne)."""
    import json

    from django.contrib.auth import get_user_model
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    from content.providers.models import ProviderPage
    from content.taxonomy.models import Need
    from marketplace.quotes import matching, workflow

    print("Real-time messages over the WebSocket through the proxy:")
    User = get_user_model()
    service = next(
        (page for page in ServicePage.objects.live().filter(locale__language_code="it")
         .order_by("pk") if page.zones.exists() and page.needs.exists()), None
    )
    expect(service is not None, "a service with a need and a zone to ask a quote for")
    provider = ProviderPage.objects.get(pk=service.get_parent().pk)
    staff, _created = User.objects.get_or_create(email="prodcheck.staff@wemi.example")
    staff.set_password("prodcheck-staff")
    staff.save()
    staff.groups.add(provider.staff_group)
    citizen = User.objects.get(email=CITIZEN[0])
    today = datetime.date.today()
    request = workflow.send_request(
        citizen, [matching.offer_of(service, provider)], need=service.needs.first(),
        description="Prova del canale in tempo reale", for_whom="Mia madre", people=1,
        period_start=today + datetime.timedelta(days=7), days_times="Lun-Ven 9-12",
        zone=service.zones.first(), address="Via Prova 1",
        respond_by=today + datetime.timedelta(days=7), language="it",
    )
    quote = request.quotes.get()
    expect(Need.objects.filter(pk=request.need_id).exists(), f"request {request.uuid} sent")
    staff_session = log_in(staff.email, "prodcheck-staff")
    citizen_session = log_in(*CITIZEN)
    path = f"/ws/quotes/{quote.uuid}/?after=0&lang=it"
    with _socket(staff_session, path) as socket:
        ok("the provider's staff opened the thread's socket through the proxy")
        body = f"Messaggio in tempo reale {time.monotonic_ns()}"
        sent_at = time.monotonic()
        submit(citizen_session, f"/it/shop/accounts/quotes/quote/{quote.uuid}/messages/",
               "form#message-form", {"body": body})
        try:
            data = json.loads(socket.recv(timeout=5))
        except TimeoutError:
            fail("the message did not arrive on the socket within 5 s")
        bodies = [row["body"] for row in data["messages"]]
        expect(body in bodies,
               f"the citizen's message arrived on the socket in {time.monotonic() - sent_at:.2f} s")
    stranger = log_in("isee.basso@wemi.example", "wemi-cittadino")
    try:
        with _socket(stranger, path) as socket:
            socket.recv(timeout=5)
        refused = False
    except (ConnectionClosed, InvalidStatus):
        refused = True
    expect(refused, "another citizen's socket on the thread is refused")


def main():
    service, service_ar = public_pages()
    journey_public(service, service_ar)
    journey_no_one_sees_another(service)
    journey_search()
    journey_purchase(service)
    journey_publish(service)
    journey_realtime()
    print(f"Production check: {checks} checks passed.")


if __name__ == "__main__":
    main()
