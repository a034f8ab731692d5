"""Split tender at checkout: "Voucher, the rest to the provider".

Once the order is placed, inside the checkout's transaction (which holds the basket lock), the
citizen's vouchers hold what they may pay of each eligible line: only the citizen's share
(the line price, never the Comune's contribution), in the order of the lines, the voucher that
expires first first. The rest of each line is "to be paid to the provider". One Oscar
``Source`` per voucher and one for the provider; one ``Tender`` per line and source. A voucher
that cannot pay (spent meanwhile by a concurrent order, cancelled, expired) raises a
``LedgerError``: the whole transaction rolls back and the basket is left as it was.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.checkout.payment_methods import PaymentMethod, PayTheProvider

from . import eligibility, rules
from .models import Account, Tender, Voucher
from .vouchers import hold


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


def plan_for(lines, vouchers):
    """``{line_key: [(voucher or None, cents), ...]}`` for ``lines`` given as
    ``(key, product, citizen_cents)``: each voucher in turn pays the eligible lines' share
    that previous vouchers left, "pay the provider" (None) the rest."""
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
    return plan_for(lines, usable_vouchers(user))


class VoucherPayment(PaymentMethod):
    code = "voucher"
    name = _("Voucher, the rest to the provider")
    description = _(
        "Your voucher pays your share of the activities it covers; you pay any rest to each "
        "provider directly. The Comune's contribution is never taken from the voucher."
    )

    def is_available(self, basket, user):
        plan = basket_plan(basket, user)
        return any(voucher is not None for parts in plan.values() for voucher, _c in parts)

    def summary(self, basket, user):
        """What the voucher and the provider pay in total, for the summary page."""
        voucher_cents = provider_cents = 0
        for parts in basket_plan(basket, user).values():
            for voucher, cents in parts:
                if voucher is None:
                    provider_cents += cents
                else:
                    voucher_cents += cents
        return {"voucher": rules.to_eur(voucher_cents), "provider": rules.to_eur(provider_cents)}

    def take_payment(self, view, order_number, total):
        """Nothing is taken before the order exists: see :meth:`after_order_placed`."""

    def after_order_placed(self, view, order, user):
        pay_with_vouchers(order, user, actor=view.request.user)


def pay_with_vouchers(order, user, actor=None):
    """Hold the vouchers' share of each line of a just-placed ``order``; the rest is "pay the
    provider". Sources and tenders as described at the top of this module."""
    SourceType = get_model("payment", "SourceType")
    Source = get_model("payment", "Source")
    lines = list(order.lines.select_related("product", "partner").order_by("pk"))
    plan = plan_for(
        [(line.pk, line.product, rules.to_cents(line.line_price_incl_tax)) for line in lines],
        usable_vouchers(user),
    )
    voucher_type = SourceType.objects.get_or_create(
        code=VoucherPayment.code, defaults={"name": str(_("Voucher"))})[0]
    provider_type = SourceType.objects.get_or_create(
        code=PayTheProvider.code, defaults={"name": str(PayTheProvider.name)})[0]
    sources = {}
    totals = {}
    for line in lines:
        for voucher, cents in plan[line.pk]:
            ref = voucher.code if voucher else PayTheProvider.code
            totals[ref] = totals.get(ref, 0) + cents
    for ref, cents in totals.items():
        is_provider = ref == PayTheProvider.code
        sources[ref] = Source.objects.create(
            order=order, source_type=provider_type if is_provider else voucher_type,
            amount_allocated=rules.to_eur(cents),
            reference=order.number if is_provider else ref,
        )
    for line in lines:
        for voucher, cents in plan[line.pk]:
            if voucher is None:
                Tender.objects.create(line=line, method=Tender.Method.PROVIDER,
                                      amount=cents, source=sources[PayTheProvider.code])
            else:
                tender = hold(voucher, line, cents, f"hold:{line.pk}:{voucher.account_id}",
                              actor=actor)
                Tender.objects.filter(pk=tender.pk).update(source=sources[voucher.code])
