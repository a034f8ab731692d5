"""What vouchers hold about a citizen, for "download my data" and account deletion
(marketplace/rights/registry.py). Vouchers are public money: their ledger stays (accounting
records), no longer linked to the erased account; applications still waiting are withdrawn."""

from django.utils.translation import gettext_lazy as _

from marketplace.rights.registry import exclude, model_record, register

from .models import Credit, Voucher, VoucherApplication


def voucher_data(user):
    records = [
        model_record(v, ["fund", "code", "status", "minor_name", "minor_fiscal_code", "amount",
                         "created_at"])
        for v in Voucher.objects.filter(user=user).select_related("fund")
    ]
    records += [
        model_record(a, ["fund", "minor_name", "minor_fiscal_code", "minor_age", "isee_value",
                         "status", "reason", "created_at"])
        for a in VoucherApplication.objects.filter(user=user).select_related("fund")
    ]
    return records


def erase_vouchers(user, now):
    VoucherApplication.objects.filter(
        user=user, status=VoucherApplication.Status.SUBMITTED
    ).delete()
    Voucher.objects.filter(user=user).update(user=None)


register(
    "vouchers",
    title=_("Vouchers"),
    collect=voucher_data,
    erase=erase_vouchers,
    covers=[
        "marketplace_ledger.Voucher.user",
        "marketplace_ledger.VoucherApplication.user",
    ],
    order=67,
)
def credit_data(user):
    return [
        model_record(c, ["fund", "email", "amount", "created_at"])
        for c in Credit.objects.filter(user=user).select_related("fund")
    ]


def erase_credits(user, now):
    # The employer's record of what it granted stays (its accounting), no longer linked to
    # the erased account.
    Credit.objects.filter(user=user).update(user=None)


register(
    "welfare_credit",
    title=_("Welfare credit"),
    collect=credit_data,
    erase=erase_credits,
    covers=["marketplace_ledger.Credit.user"],
    order=68,
)
exclude(
    "marketplace_ledger.Transfer.actor",
    "who moved public money (citizen, provider, operator): the ledger is the audit trail and "
    "is append-only; the account is anonymised, so it names nobody after erasure",
)
exclude(
    "marketplace_ledger.Refund.actor",
    "the Comune operator who refunded an order line: an accounting record, append-only like "
    "the ledger it belongs to",
)
exclude(
    "marketplace_ledger.Voucher.granted_by",
    "the operator who granted a voucher: an accounting record of the Comune",
)
exclude(
    "marketplace_ledger.VoucherApplication.decided_by",
    "the operator who decided an application: an accounting record of the Comune",
)
