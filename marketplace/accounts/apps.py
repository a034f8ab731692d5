from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "marketplace.accounts"
    label = "marketplace_accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .sites import sync_django_site

        # Once per migrate (sent for this app): the sites table exists by then.
        post_migrate.connect(sync_django_site, sender=self, dispatch_uid="wemi_sync_django_site")
