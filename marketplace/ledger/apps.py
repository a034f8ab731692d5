from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "marketplace.ledger"
    label = "marketplace_ledger"
    verbose_name = _("Vouchers and ledger")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from marketplace.checkout import payment_methods
        from scheduler.registry import register

        from . import personal_data  # noqa: F401  (its section of "download my data")
        from .checkout import CREDIT_SOURCE, VoucherPayment

        payment_methods.register(VoucherPayment())
        # Credit loaded for an address becomes the account's when that address logs in.
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_attach_credit, dispatch_uid="ledger_attach_credit")
        payment_methods.register_source_name(CREDIT_SOURCE, _("Welfare credit"))
        # Expired vouchers give their balance back to their fund, every hour (idempotent).
        register("expire_vouchers", every=3600)
        # Lapsed welfare credit plans give what is unspent back to the employer (idempotent).
        register("lapse_welfare_credit", every=3600)
        # Requests holding voucher money that no provider answered in time lapse (idempotent).
        register("lapse_voucher_orders", every=3600)


def _attach_credit(sender, user, **kwargs):
    from .credit import attach_to

    attach_to(user)
