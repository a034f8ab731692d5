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
        from .checkout import VoucherPayment

        payment_methods.register(VoucherPayment())
        # Expired vouchers give their balance back to their fund, every hour (idempotent).
        register("expire_vouchers", every=3600)
        # Requests holding voucher money that no provider answered in time lapse (idempotent).
        register("lapse_voucher_orders", every=3600)
