"""E-mails to the members of a group when it closes: confirmed (with their order and price)
or failed (nobody is charged). Sent after commit by the task worker, in the language each
member joined in, through Oscar's dispatcher (kept in the account's e-mail history)."""

from django.urls import reverse
from django.utils import translation
from django_tasks import task
from oscar.core.loading import get_class

from marketplace.emails import recipient_language, render_messages, site_url
from marketplace.offers import service_titles

from . import rules
from .models import Membership

Dispatcher = get_class("communication.utils", "Dispatcher")


def group_outcome_messages(membership, outcome):
    """Subject and bodies telling a member their group's ``outcome`` (CONFIRM or FAIL)."""
    group = membership.group
    language = recipient_language(language=membership.language)
    line = membership.order_line
    with translation.override(language):
        group_url = site_url(reverse("marketplace_sharing:group", kwargs={"pk": group.pk}))
        order_url = (
            site_url(reverse("customer:order", kwargs={"order_number": line.order.number}))
            if line
            else ""
        )
        title = service_titles([group.offer.product]).get(
            group.offer.product_id, group.offer.product.title
        )
    context = {
        "membership": membership,
        "group": group,
        "line": line,
        "order": line.order if line else None,
        "title": title,
        "group_url": group_url,
        "order_url": order_url,
        "name": membership.household.get_full_name() or membership.household.email,
    }
    kind = "confirmed" if outcome == rules.CONFIRM else "failed"
    return render_messages(f"marketplace_sharing/emails/group_{kind}", context, language)


@task()
def send_group_outcome_email(membership_id, outcome):
    membership = Membership.objects.select_related(
        "group__offer__product", "household", "order_line__order"
    ).get(pk=membership_id)
    Dispatcher().dispatch_user_messages(
        membership.household, group_outcome_messages(membership, outcome)
    )
