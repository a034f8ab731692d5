"""Sharing benchmark: join p95 with N concurrent households and the time to close an
N-household group, each beside the single-household place-order p95 of the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wemi WEMI_TEST_DB=wemi_bench_sharing \
        python bench/sharing.py [--households 50] [--runs 30]

Runs in-process against a reusable benchmark database (test settings; PostgreSQL when
DATABASE_URL is set, else a SQLite file). The joins are real concurrent POSTs (one thread and
one database connection per household, started together); the data they need is committed,
so each run adds its own accounts and groups (names are unique per run). Target (issue 14):
closing an N-household group <= N x one single-household order (p95).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("WEMI_TEST_DB", "wemi_bench_sharing")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(label, samples_ms):
    print(
        f"  {label:<44} p50 {statistics.median(samples_ms):8.1f} ms   "
        f"p95 {percentile(samples_ms, 0.95):8.1f} ms   (n={len(samples_ms)})"
    )


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def build(households):
    from decimal import Decimal

    from wagtail.models import Collection

    from content import factories
    from content.core.site_tree import ensure_site_tree
    from content.taxonomy.models import Zone
    from marketplace import factories as shop
    from marketplace.defaults import ensure_all
    from marketplace.sharing.models import PriceTier

    ensure_site_tree()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    ensure_all()
    municipio = factories.make_zone(None, number=3)
    quartiere = factories.make_zone(None, kind=Zone.Kind.QUARTIERE, parent=municipio)
    provider = factories.make_provider(None, municipio=municipio)
    need = factories.make_need(None, parent=factories.make_need(None))
    service = factories.make_service(
        provider, None, needs=[need], zones=[municipio], accredited=True, at_home=True
    )
    service.sharable = True
    service.save_revision().publish()
    offer = shop.make_offer(service, price="22.00", pricing_kind="accredited", capacity=None)
    for low, high, price in ((2, 9, "18.00"), (10, 29, "15.00"), (30, None, "12.00")):
        PriceTier.objects.create(stockrecord=offer, min_households=low, max_households=high,
                                 unit_price=Decimal(price),
                                 valid_from=datetime.date(2020, 1, 1))
    isee = ["5000", "12000", "20000", None]
    people = [shop.make_citizen(None, isee=isee[n % 4]) for n in range(households + 1)]
    return service, offer, quartiere, people


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from marketplace.sharing import groups, rules
    from marketplace.sharing.models import Membership
    from tests.threads import run_together

    setup_test_environment()
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    n = args.households
    service, offer, quartiere, people = build(n)
    organiser, households = people[0], people[1:]
    start = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()

    # 1. One household's order through the checkout (the same run, the same database).
    citizen = households[0]
    client = Client()
    client.force_login(citizen)
    add_url = reverse("marketplace:add-to-basket", kwargs={"service_key": service.translation_key})

    def one_order():
        client.post(add_url, {"offer": offer.pk, "quantity": 1, "start_date": start,
                              "frequency": "weekly", "street": "Via Pascoli 12",
                              "zone": quartiere.pk})
        client.post(reverse("checkout:contact"), {"name": "Bench", "phone": "+39 02 1234567"})
        client.post(reverse("checkout:payment-method"), {"method": "pay-provider"})
        elapsed, response = timed(lambda: client.post(
            reverse("checkout:preview"), {"action": "place_order", "consent": "on"}
        ))
        assert response.status_code == 302 and response.url.endswith("/thank-you/"), response
        return elapsed

    one_order()  # warm up
    place_ms = [one_order() for _run in range(args.runs)]

    # 2. N households join one group at the same moment (one connection each).
    now = timezone.now()
    group, _token = groups.start_group(
        offer, organiser, "it", context="school", min_households=2, max_households=n + 1,
        deadline=now + datetime.timedelta(days=2),
        start_date=(now + datetime.timedelta(days=9)).date(), frequency="weekly",
        zone=quartiere, place="Bench", is_public=True,
    )
    join_url = reverse("marketplace_sharing:join", kwargs={"pk": group.pk})
    clients = []
    for person in households:
        joiner = Client()
        joiner.force_login(person)
        clients.append(joiner)

    def join(joiner):
        elapsed, response = timed(lambda: joiner.post(join_url))
        return elapsed, response.status_code

    answers = run_together(*[lambda joiner=joiner: join(joiner) for joiner in clients])
    errors = [answer for answer in answers if not isinstance(answer, tuple)]
    join_ms = [elapsed for elapsed, status in answers if status == 302] if not errors else []
    group.refresh_from_db()
    active = Membership.objects.filter(group=group, status__in=Membership.ACTIVE).count()

    # 3. Closing the group: one order per household, each with its own ISEE share.
    close_ms, outcome = timed(lambda: groups.close_group(group.pk, by=organiser, early=True))
    orders = Membership.objects.filter(group=group, order_line__isnull=False).count()

    p95_order = percentile(place_ms, 0.95)
    print(f"Sharing benchmark ({connection.vendor}, {n} households, {args.runs} single orders)")
    report("place order, 1 household (checkout POST)", place_ms)
    if errors:
        print(f"  joins failed: {errors[:3]}")
    else:
        report(f"join, {n} households at once (POST)", join_ms)
        print(f"  join p95 / place-order p95: {percentile(join_ms, 0.95) / p95_order:.2f}x")
    print(f"  households in the group: {group.households_count} (active memberships {active})")
    print(f"  close a {active}-household group: {close_ms:.1f} ms, outcome {outcome}, "
          f"{orders} orders ({close_ms / active:.1f} ms per household)")
    ratio = close_ms / p95_order
    print(f"  close / place-order p95: {ratio:.1f}x  (target <= {active}x: "
          f"{'met' if ratio <= active and outcome == rules.CONFIRM else 'NOT met'})")


if __name__ == "__main__":
    main()
