"""What happens to an organisation account: registered, reviewed, members verified, and an
order placed for the whole building or workforce, billed to it.

The order is placed like the checkout places one (a basket of the representative's own,
priced by the strategy, ``OrderCreator``); its line carries the ``organisation`` option,
which ``IseeStrategy.fetch_for_line`` prices at full price without ISEE
(:mod:`marketplace.organisations.pricing`). A repeated request (double submit, a reload)
finds its first order through ``request_key`` and places nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from .models import Organisation, OrganisationMember, OrganisationOrder
from .pricing import ORGANISATION_OPTION

Basket = get_model("basket", "Basket")
Option = get_model("catalogue", "Option")


class OrganisationError(Exception):
    """Something an organisation cannot do; ``str()`` is a translated message."""


@transaction.atomic
def register(user, **fields):
    """A new pending organisation whose first representative is ``user``."""
    organisation = Organisation.objects.create(created_by=user, **fields)
    OrganisationMember.objects.create(
        organisation=organisation,
        user=user,
        role=OrganisationMember.Role.REPRESENTATIVE,
        verified_at=timezone.now(),  # the Comune checks the representative with the account
    )
    return organisation


def review(organisation, by, status, reason=""):
    """The Comune verifies or rejects a pending (or re-reviews a) organisation."""
    organisation.review(by, status, reason)
    organisation.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
    return organisation


def acting_membership(user, organisation_id):
    """The membership through which ``user`` may act for the organisation, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        OrganisationMember.objects.acting()
        .filter(user=user, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )


def ask_to_join(user, organisation, note=""):
    """``user`` asks to be recognised as a resident or employee (a representative verifies)."""
    if not organisation.is_verified:
        raise OrganisationError(_("This organisation is not verified yet."))
    try:
        with transaction.atomic():
            return OrganisationMember.objects.create(
                organisation=organisation, user=user, note=note
            )
    except IntegrityError as error:
        raise OrganisationError(_("You have already asked to join this organisation.")) from error


def verify_member(representative, member):
    """A representative of the member's organisation verifies the membership (once)."""
    if acting_membership(representative, member.organisation_id) is None:
        raise OrganisationError(_("Only a representative of the organisation can do this."))
    OrganisationMember.objects.filter(pk=member.pk, verified_at__isnull=True).update(
        verified_at=timezone.now(), verified_by=representative
    )
    member.refresh_from_db()
    return member


def remove_member(representative, member):
    if acting_membership(representative, member.organisation_id) is None:
        raise OrganisationError(_("Only a representative of the organisation can do this."))
    if member.user_id == representative.pk:
        raise OrganisationError(_("You cannot remove yourself."))
    member.delete()


def is_verified_member(user, organisation_id):
    return (
        getattr(user, "is_authenticated", False)
        and OrganisationMember.objects.verified()
        .filter(user=user, organisation_id=organisation_id)
        .exists()
    )


def place_organisation_order(representative, organisation, offer, quantity, households,
                             line_values, request_key, language):
    """One order for the whole building or workforce, billed to ``organisation``.

    ``line_values``: the booking choices as ``{option code: text}``. Returns
    ``(OrganisationOrder, created)``; the same ``request_key`` returns the first order.
    Raises OrganisationError when the representative may not act, CapacityExhausted when
    the offer has no place left (nothing is placed).
    """
    first = OrganisationOrder.objects.filter(request_key=request_key).first()
    if first is not None:
        return first, False
    Selector = get_class("partner.strategy", "Selector")
    OrderCreator = get_class("order.utils", "OrderCreator")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")

    with transaction.atomic():
        acting = (
            OrganisationMember.objects.acting()
            .select_for_update()
            .filter(user=representative, organisation=organisation)
            .first()
        )
        if acting is None:
            raise OrganisationError(
                _("Only a representative of a verified organisation can buy for it.")
            )
        ensure_option()
        values = dict(line_values)
        values[ORGANISATION_OPTION] = str(organisation.pk)
        options = {option.code: option for option in Option.objects.filter(code__in=values)}
        basket = Basket.objects.create(owner=representative)
        basket.strategy = Selector().strategy(user=representative)
        basket.add_product(
            offer.product,
            quantity,
            options=[{"option": options[code], "value": value} for code, value in values.items()],
        )
        line = basket.all_lines()[0]
        if not line.purchase_info.availability.is_available_to_buy:
            raise OrganisationError(_("This offer cannot be bought at the moment."))
        shipping = NoShippingRequired()
        charge = shipping.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, charge)
        with translation.override(language):
            order = OrderCreator().place_order(
                basket=basket,
                total=total,
                shipping_method=shipping,
                shipping_charge=charge,
                user=representative,
                contact_name=organisation.name,
            )
        basket.submit()
        billing = OrganisationOrder.objects.create(
            order=order,
            organisation=organisation,
            placed_by=representative,
            name=organisation.name,
            tax_code=organisation.tax_code,
            sdi_code=organisation.sdi_code,
            address=organisation.address,
            households=households,
            request_key=request_key,
        )
    return billing, True


def ensure_option():
    option, _created = Option.objects.get_or_create(
        code=ORGANISATION_OPTION, defaults={"name": "Organizzazione", "type": "text"}
    )
    return option
