"""Split tender at checkout: vouchers, then welfare credit, the rest to the provider.

Once the order is placed, inside the checkout's transaction (which holds the basket lock), the
citizen's vouchers hold what they may pay of each eligible line: only the citizen's share
(the line price, never the Comune's contribution), in the order of the lines, the voucher that
expires first first. Then the employee's welfare credits (decision 0030) pay what is left of
the lines their plan allows, the credit that expires first first. The rest of each line is
"to be paid to the provider". One Oscar ``Source`` per voucher or credit and one for the
provider; one ``Tender`` per line and source. A voucher or credit that cannot pay (spent
meanwhile by a concurrent order, cancelled, lapsed) raises a ``LedgerError``: the whole
transaction rolls back and the basket is left as it was.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.checkout.payment_methods import PaymentMethod, PayTheProvider

from . import eligibility, rules
from .credit import usable_credits
from .models import Account, Credit, Tender, Voucher
from .posting import LedgerError
from .vouchers import hold

CREDIT_SOURCE = "welfare-credit"
#: The split the citizen saw on the summary page (cents by voucher and credit), in the session.
SESSION_SPLIT = "wemi_ledger_split"


class SplitChanged(LedgerError):
    message = _("Your voucher or welfare credit changed meanwhile (another order used it, or "
                "it lapsed): nothing was ordered. Check how it pays now and confirm again.")


def usable_vouchers(user, on_date=None):
    """The citizen's vouchers that can pay today, the one expiring first first."""
    if user is None or not user.is_authenticated:
        return []
    on_date = on_date or timezone.localdate()
    return list(
        Voucher.objects.filter(
            user=user, status=Voucher.Status.ACTIVE, account__status=Account.Status.OPEN,
            account__balance__gt=0, account__valid_until__gte=on_date,
        ).select_related("account", "fund").order_by("account__valid_until", "pk")
    )


def payers_of(user, on_date=None):
    """What may pay for ``user``, in the order it pays: vouchers, then welfare credits."""
    return usable_vouchers(user, on_date) + usable_credits(user, on_date)


def plan_for(lines, vouchers):
    """``{line_key: [(payer or None, cents), ...]}`` for ``lines`` given as
    ``(key, product, citizen_cents)``: each payer (voucher or welfare credit) in turn pays
    the eligible lines' share that previous payers left, "pay the provider" (None) the
    rest."""
    remaining = {key: cents for key, _product, cents in lines}
    plan = {key: [] for key, _product, _cents in lines}
    for voucher in vouchers:
        eligible = eligibility.eligible_products(voucher.fund, [p for _k, p, _c in lines])
        split = rules.plan_tenders(
            [(key, remaining[key], product.pk in eligible) for key, product, _c in lines],
            voucher.account.balance,
        )
        for key, (paid, rest) in split.items():
            if paid:
                plan[key].append((voucher, paid))
            remaining[key] = rest
    for key, cents in remaining.items():
        if cents:
            plan[key].append((None, cents))
    return plan


def basket_plan(basket, user):
    lines = [
        (line.pk, line.product, rules.to_cents(line.line_price_incl_tax))
        for line in basket.all_lines()
    ]
    return plan_for(lines, payers_of(user))


def split_totals(plan):
    """Cents paid by vouchers, by welfare credit and to the providers over a plan."""
    totals = {"voucher": 0, "credit": 0, "provider": 0}
    for parts in plan.values():
        for payer, cents in parts:
            if payer is None:
                totals["provider"] += cents
            elif isinstance(payer, Credit):
                totals["credit"] += cents
            else:
                totals["voucher"] += cents
    return totals


class VoucherPayment(PaymentMethod):
    """Vouchers and welfare credit pay what they may; the rest goes to the provider. One
    method (code "voucher", kept for sessions and past orders) whose label names what the
    citizen actually has."""

    code = "voucher"
    name = _("Voucher, the rest to the provider")
    description = _(
        "Your voucher pays your share of the activities it covers; your employer's welfare "
        "credit pays what is left of the services its plan allows; you pay any rest to each "
        "provider directly. The Comune's contribution is never taken from the voucher."
    )
    labels = {
        (True, False): _("Voucher, the rest to the provider"),
        (False, True): _("Welfare credit, the rest to the provider"),
        (True, True): _("Voucher and welfare credit, the rest to the provider"),
    }

    def is_available(self, basket, user):
        totals = split_totals(basket_plan(basket, user))
        return bool(totals["voucher"] or totals["credit"])

    def label(self, basket, user):
        totals = split_totals(basket_plan(basket, user))
        return self.labels.get((bool(totals["voucher"]), bool(totals["credit"])), self.name)

    def summary(self, basket, user):
        """What vouchers, welfare credit and the providers pay in total, for the summary
        page."""
        totals = split_totals(basket_plan(basket, user))
        return {key: rules.to_eur(cents) for key, cents in totals.items()}

    def remember_split(self, request, basket, user):
        """Keep what the summary page shows, so that placement pays exactly that."""
        totals = split_totals(basket_plan(basket, user))
        request.session[SESSION_SPLIT] = [totals["voucher"], totals["credit"]]

    def take_payment(self, view, order_number, total):
        """Nothing is taken before the order exists: see :meth:`after_order_placed`."""

    def after_order_placed(self, view, order, user):
        expected = view.request.session.pop(SESSION_SPLIT, None)
        pay_with_vouchers(order, user, actor=view.request.user,
                          expected=tuple(expected) if expected else None)


def pay_with_vouchers(order, user, actor=None, on_date=None, expected=None):
    """Hold the vouchers' and welfare credits' share of each line of a just-placed ``order``;
    the rest is "pay the provider". Sources and tenders as described at the top of this
    module. ``expected``: the (voucher, credit) cents the citizen confirmed; when the money
    available now would pay otherwise, :class:`SplitChanged` and nothing is recorded."""
    SourceType = get_model("payment", "SourceType")
    Source = get_model("payment", "Source")
    lines = list(order.lines.select_related("product", "partner").order_by("pk"))
    plan = plan_for(
        [(line.pk, line.product, rules.to_cents(line.line_price_incl_tax)) for line in lines],
        payers_of(user, on_date),
    )
    if expected is not None:
        totals = split_totals(plan)
        if (totals["voucher"], totals["credit"]) != tuple(expected):
            raise SplitChanged()
    types = {
        VoucherPayment.code: SourceType.objects.get_or_create(
            code=VoucherPayment.code, defaults={"name": str(_("Voucher"))})[0],
        CREDIT_SOURCE: SourceType.objects.get_or_create(
            code=CREDIT_SOURCE, defaults={"name": str(_("Welfare credit"))})[0],
        PayTheProvider.code: SourceType.objects.get_or_create(
            code=PayTheProvider.code, defaults={"name": str(PayTheProvider.name)})[0],
    }
    sources = {}
    totals = {}
    for line in lines:
        for payer, cents in plan[line.pk]:
            ref = _source_of(payer)
            totals[ref] = totals.get(ref, 0) + cents
    for (code, reference), cents in totals.items():
        sources[(code, reference)] = Source.objects.create(
            order=order, source_type=types[code], amount_allocated=rules.to_eur(cents),
            reference=reference or order.number,
        )
    for line in lines:
        for payer, cents in plan[line.pk]:
            source = sources[_source_of(payer)]
            if payer is None:
                Tender.objects.create(line=line, method=Tender.Method.PROVIDER,
                                      amount=cents, source=source)
            else:
                method = (Tender.Method.CREDIT if isinstance(payer, Credit)
                          else Tender.Method.VOUCHER)
                tender = hold(payer, line, cents, f"hold:{line.pk}:{payer.account_id}",
                              actor=actor, on_date=on_date, method=method)
                Tender.objects.filter(pk=tender.pk).update(source=source)


def _source_of(payer):
    """(source type code, reference) of the Oscar source a payer's tenders belong to."""
    if payer is None:
        return (PayTheProvider.code, "")
    if isinstance(payer, Credit):
        return (CREDIT_SOURCE, payer.code)
    return (VoucherPayment.code, payer.code)
