"""The e-mail inviting an employee to their welfare credit, in the language the employer chose
for them, sent after commit by the task worker through Oscar's dispatcher. An employee with an
account gets the link to the credit; an address without one gets the link to register with
it (the credit attaches when that address logs in, see credit.attach_to)."""

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from oscar.core.loading import get_class

from marketplace.emails import recipient_language, render_messages, site_url

from . import rules
from .models import Credit

Dispatcher = get_class("communication.utils", "Dispatcher")


def invitation_messages(credit):
    language = recipient_language(language=credit.language)
    has_account = credit.user_id is not None
    with translation.override(language):
        credit_url = site_url(reverse("credit:mine"))
        register_url = site_url(reverse("customer:register") + "?next=" + reverse("credit:mine"))
    context = {
        "credit": credit, "employer": credit.fund.organisation.name, "plan": credit.fund.name,
        "amount": rules.to_eur(credit.amount), "valid_until": credit.fund.valid_until,
        "has_account": has_account, "credit_url": credit_url, "register_url": register_url,
        "email": credit.email,
    }
    return render_messages("ledger/emails/credit_invitation", context, language)


@task()
def send_credit_invitation(credit_id):
    credit = Credit.objects.select_related("fund__organisation", "user").get(pk=credit_id)
    messages = invitation_messages(credit)
    if credit.user_id is not None:
        Dispatcher().dispatch_user_messages(credit.user, messages)
    else:
        Dispatcher().dispatch_direct_messages(credit.email, messages)
    Credit.objects.filter(pk=credit.pk, invited_at__isnull=True).update(invited_at=timezone.now())
