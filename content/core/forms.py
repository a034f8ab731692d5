"""Admin forms shared by the page models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .roles import may_set_comune_facts


class ComuneFactsPageForm(WagtailAdminPageForm):
    """A page form whose Comune-owned facts are read-only for everyone but the Comune.

    The page model lists them in ``comune_owned_fields`` (accreditation, accreditation
    number...). For a user who may not set them (``roles.may_set_comune_facts``: provider
    staff, translators) they are shown disabled: Django then ignores whatever is posted
    for them and keeps the page's value.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if may_set_comune_facts(self.for_user):
            return
        for name in getattr(self._meta.model, "comune_owned_fields", ()):
            field = self.fields.get(name)
            if field is None:
                continue
            field.disabled = True
            field.help_text = " ".join(
                str(text) for text in (field.help_text, _("Set by the Comune.")) if text
            )
