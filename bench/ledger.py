"""Ledger benchmark: place-order p95 paid with a voucher, and with voucher + welfare credit,
beside "pay the provider" (same run), and the throughput of concurrent spends on one voucher.

    python bench/ledger.py [--runs 30] [--threads 8] [--spends 400]

In-process with Django's test client on the benchmark database (test settings; SQLite file, or
PostgreSQL when DATABASE_URL is set; name from WEMI_TEST_DB, default ``wemi_bench``). The
checkout part runs in one transaction rolled back at the end; the spends part needs real
commits (threads), on accounts it creates and leaves (check_ledgers stays clean).
Target (issue 15): voucher (and voucher + credit) checkout p95 <= 1.5x the "pay the provider"
p95. The voucher pays the first service's line (the fund's needs), the credit the two others.
"""

import argparse
import datetime
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkout import build_catalogue, percentile, report, timed  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("WEMI_TEST_DB", "wemi_bench")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--spends", type=int, default=400)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from marketplace import factories as shop_factories
    from marketplace.ledger import credit
    from marketplace.ledger.models import Account, Fund
    from marketplace.ledger.posting import InsufficientFunds, post
    from marketplace.ledger.vouchers import grant, open_fund
    from marketplace.organisations.models import Organisation

    setup_test_environment()
    connection.creation.create_test_db(keepdb=True, verbosity=0)
    start = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    today = timezone.localdate()

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            services, quartiere, citizen = build_catalogue(lines=3)
            fund = Fund.objects.create(
                name="bench", budget_cents=10**9, catalogue_0_18=False,
                applications_from=today, applications_until=today,
                valid_until=today + datetime.timedelta(days=30))
            fund.needs.set(services[0][0].needs.all())
            open_fund(fund)
            grant(fund, "RSSMRA80A01F205X", "BNCLCU17C12F205R", 10**8, user=citizen)
            employee = shop_factories.make_citizen(None, isee="12000")
            grant(fund, "RSSMRA80A01F205X", "HSSYSF16H10F205G", 10**8, user=employee)
            company = Organisation.objects.create(
                kind="company", name="bench", tax_code="07654320154", address="Milano",
                status="verified", reviewed_at=timezone.now())
            plan = credit.create_plan(company, "bench", today,
                                      today + datetime.timedelta(days=30), 10**9)
            credit.load(plan, employee.email, 10**8, "bench")
            clients = {"pay-provider": Client(), "voucher": Client(), "credit": Client()}
            clients["pay-provider"].force_login(citizen)
            clients["voucher"].force_login(citizen)
            clients["credit"].force_login(employee)

            def place(label):
                client = clients[label]
                method = "pay-provider" if label == "pay-provider" else "voucher"
                for service, offer in services:
                    client.post(reverse("marketplace:add-to-basket",
                                        kwargs={"service_key": service.translation_key}),
                                {"offer": offer.pk, "quantity": 1, "start_date": start,
                                 "frequency": "weekly", "street": "Via Pascoli 12",
                                 "zone": quartiere.pk})
                client.post(reverse("checkout:contact"),
                            {"name": "Bench", "phone": "+39 02 1234567"})
                response = client.post(reverse("checkout:payment-method"), {"method": method})
                assert response.status_code == 302, method
                elapsed, response = timed(lambda: client.post(
                    reverse("checkout:preview"), {"action": "place_order", "consent": "on"}))
                assert response.status_code == 302 and response.url.endswith("/thank-you/")
                return elapsed

            place("pay-provider")
            place("voucher")
            place("credit")  # warm up every path
            samples = {"pay-provider": [], "voucher": [], "credit": []}
            for _run in range(args.runs):  # interleaved: same conditions for both
                for method in samples:
                    samples[method].append(place(method))
            print(f"Place order, 3 lines ({connection.vendor}):")
            report("pay the provider", samples["pay-provider"])
            report("voucher, rest to the provider", samples["voucher"])
            ratio = percentile(samples["voucher"], 0.95) / percentile(samples["pay-provider"],
                                                                        0.95)
            print(f"  p95 ratio voucher / pay the provider: {ratio:.2f}x (target <= 1.5x)")
            report("voucher + welfare credit", samples["credit"])
            ratio = percentile(samples["credit"], 0.95) / percentile(samples["pay-provider"],
                                                                       0.95)
            print(f"  p95 ratio voucher + credit / pay the provider: {ratio:.2f}x "
                  "(target <= 1.5x)")
            raise Rollback
    except Rollback:
        pass

    wallet = Account.objects.create(kind=Account.Kind.WALLET, name="bench wallet")
    shop = Account.objects.create(kind=Account.Kind.WALLET, name="bench shop")
    post("load", Account.outside(), wallet, args.spends, f"bench:{wallet.pk}:load")
    results = {"ok": 0, "refused": 0}
    lock = threading.Lock()
    per_thread = (args.spends + args.threads) // args.threads  # a few more than the balance

    def spend(worker):
        for number in range(per_thread):
            try:
                post("hold", wallet, shop, 1, f"bench:{wallet.pk}:{worker}:{number}", spend=True)
                outcome = "ok"
            except InsufficientFunds:
                outcome = "refused"
            with lock:
                results[outcome] += 1
        connection.close()

    threads = [threading.Thread(target=spend, args=(n,)) for n in range(args.threads)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    wallet.refresh_from_db()
    total = results["ok"] + results["refused"]
    print(f"Concurrent spends on one account, {args.threads} threads:")
    print(f"  {total} attempts in {seconds:.2f} s = {total / seconds:.0f} spends/s; "
          f"{results['ok']} succeeded (balance was {args.spends}), {results['refused']} refused, "
          f"balance now {wallet.balance}")
    assert results["ok"] == args.spends and wallet.balance == 0


if __name__ == "__main__":
    main()
