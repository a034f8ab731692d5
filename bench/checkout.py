"""Checkout benchmark: add-to-basket and place-order latency, SQL per basket line, receipt PDF.

    python bench/checkout.py [--runs 40]

Runs in-process with Django's test client against a reusable benchmark database (test
settings; SQLite file, or PostgreSQL when DATABASE_URL is set; name from WEMI_TEST_DB,
default ``wemi_bench``). Everything the benchmark creates is rolled back at the end. A plain
view (``/health/``: one ``SELECT 1``) is timed in the same run for scale. Order emails are
sent after commit, so they are not part of the place-order time (as in production, where
they go through the task queue).

Targets (issue 5): place-order p95 <= 300 ms; receipt PDF <= 2x a bare one-page render. The
receipt (database, template, print CSS, Noto fonts) is compared with two plain WeasyPrint
renders: a minimal one-page document, and the receipt's own text without its stylesheet.
"""

import argparse
import datetime
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("WEMI_TEST_DB", "wemi_bench")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(label, samples_ms):
    print(
        f"  {label:<34} p50 {statistics.median(samples_ms):7.1f} ms   "
        f"p95 {percentile(samples_ms, 0.95):7.1f} ms   (n={len(samples_ms)})"
    )


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def build_catalogue(lines):
    from wagtail.models import Collection

    from content import factories
    from content.core.site_tree import ensure_site_tree
    from content.taxonomy.models import Zone
    from marketplace import factories as shop
    from marketplace.defaults import ensure_all

    ensure_site_tree()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    municipio = factories.make_zone(None, number=3)
    quartiere = factories.make_zone(None, kind=Zone.Kind.QUARTIERE, parent=municipio)
    provider = factories.make_provider(None, municipio=municipio)
    need = factories.make_need(None, parent=factories.make_need(None))
    services = []
    for _number in range(lines):
        service = factories.make_service(
            provider, None, needs=[need], zones=[municipio], accredited=True, at_home=True
        )
        offer = shop.make_offer(service, price="22.00", pricing_kind="accredited", capacity=None)
        services.append((service, offer))
    citizen = shop.make_citizen(None, isee="12000")
    return services, quartiere, citizen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django.utils import timezone
    from weasyprint import HTML

    from marketplace.documents.receipts import receipt_html, render_receipt

    setup_test_environment()
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    start = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()

    with transaction.atomic():
        services, quartiere, citizen = build_catalogue(lines=5)
        client = Client()
        client.force_login(citizen)

        def add(service, offer, quantity=1):
            return client.post(
                reverse(
                    "marketplace:add-to-basket", kwargs={"service_key": service.translation_key}
                ),
                {
                    "offer": offer.pk,
                    "quantity": quantity,
                    "start_date": start,
                    "frequency": "weekly",
                    "street": "Via Pascoli 12",
                    "zone": quartiere.pk,
                },
            )

        def prepare_order(lines):
            for service, offer in services[:lines]:
                assert add(service, offer).status_code == 302
            give_contact_and_payment()

        def give_contact_and_payment():
            client.post(reverse("checkout:contact"), {"name": "Bench", "phone": "+39 02 1234567"})
            client.post(reverse("checkout:payment-method"), {"method": "pay-provider"})

        def place():
            response = client.post(
                reverse("checkout:preview"), {"action": "place_order", "consent": "on"}
            )
            assert response.status_code == 302 and response.url.endswith("/thank-you/"), response
            return response

        client.get("/health/")  # warm up URL resolvers, templates, caches
        plain = [timed(lambda: client.get("/health/"))[0] for _run in range(args.runs)]
        service, offer = services[0]
        add(service, offer)
        add_ms = [timed(lambda: add(service, offer))[0] for _run in range(args.runs)]
        give_contact_and_payment()
        place()  # empties the basket

        place_ms = {}
        queries = {}
        for lines in (1, 3, 5):
            samples = []
            for _run in range(args.runs if lines != 3 else 3):
                prepare_order(lines)
                with CaptureQueriesContext(connection) as captured:
                    elapsed, _response = timed(place)
                samples.append(elapsed)
                queries[lines] = len(captured)
            place_ms[lines] = samples

        from oscar.core.loading import get_model

        order = get_model("order", "Order").objects.filter(user=citizen).latest("pk")
        render_receipt(order)  # load fonts once
        HTML(string="<p>warm up</p>").write_pdf()
        receipt_runs = max(5, args.runs // 4)
        receipt_ms = [timed(lambda: render_receipt(order))[0] for _run in range(receipt_runs)]
        receipt_html_ms = [timed(lambda: receipt_html(order))[0] for _run in range(receipt_runs)]
        receipt_lines = order.lines.count()
        # Bare renders: plain WeasyPrint (default fonts, new font configuration each time) of
        # (a) a minimal one-page document and (b) the same receipt text without its stylesheet.
        minimal_html = (
            "<html><body><h1>Ricevuta</h1><p>Una pagina, una tabella.</p><table>"
            + "<tr><td>Servizio</td><td>1</td><td>22,00</td><td>15,40</td><td>6,60</td></tr>" * 5
            + "</table></body></html>"
        )
        same_text_html = re.sub(r"<style>.*?</style>", "", receipt_html(order), flags=re.S)
        minimal_ms = [
            timed(lambda: HTML(string=minimal_html).write_pdf())[0] for _run in range(receipt_runs)
        ]
        same_text_ms = [
            timed(lambda: HTML(string=same_text_html).write_pdf())[0]
            for _run in range(receipt_runs)
        ]
        transaction.set_rollback(True)

    print(f"Checkout benchmark ({connection.vendor}, {args.runs} runs each)")
    report("plain view GET /health/", plain)
    report("add to basket (POST)", add_ms)
    report("place order, 1 line", place_ms[1])
    report("place order, 5 lines", place_ms[5])
    per_line_1_3 = (queries[3] - queries[1]) / 2
    per_line_3_5 = (queries[5] - queries[3]) / 2
    print(
        f"  SQL queries to place an order: 1 line {queries[1]}, 3 lines {queries[3]}, "
        f"5 lines {queries[5]} -> {per_line_1_3:g} per extra line (1->3), "
        f"{per_line_3_5:g} (3->5): {'constant' if per_line_1_3 == per_line_3_5 else 'NOT constant'}"
    )
    report(f"receipt PDF ({receipt_lines} lines, with DB)", receipt_ms)
    report("  of which HTML (template + DB)", receipt_html_ms)
    report("bare render, minimal one-page doc", minimal_ms)
    report("bare render, same text, no CSS", same_text_ms)
    for label, bare_ms in (("minimal doc", minimal_ms), ("same text, no CSS", same_text_ms)):
        ratio = statistics.median(receipt_ms) / statistics.median(bare_ms)
        print(f"  receipt / bare render ({label}, p50): {ratio:.2f}x  (target <= 2x)")
    p95 = percentile(place_ms[5], 0.95)
    print(f"  place-order p95 (5 lines): {p95:.1f} ms  (target <= 300 ms)")


if __name__ == "__main__":
    main()
