"""The sections of personal data held by the apps that exist today (accounts, ISEE,
addresses, orders, e-mails, baskets, feedback, Oscar's activity records), and the relations
to the user that hold none of the citizen's data (staff work), with the reason.

Later features register their own section from their app's ``ready()`` (see
``registry.py``); these live here so that the apps they read stay untouched.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace import line_options
from marketplace.fulfilment import statuses

from . import rules
from .registry import Field, exclude, model_record, register

User = get_user_model()


def _model(app_label, name):
    return get_model(app_label, name)


# Profile -------------------------------------------------------------------------------


def profile_data(user):
    record = model_record(user, ["email", "first_name", "last_name", "date_joined", "last_login"])
    record.append(
        Field("groups", str(_("roles")), ", ".join(user.groups.values_list("name", flat=True)))
    )
    Partner = _model("partner", "Partner")
    record.append(
        Field(
            "organisations",
            str(_("provider organisations you work for")),
            ", ".join(Partner.objects.filter(users=user).values_list("name", flat=True)),
        )
    )
    UserProfile = _model("wagtailusers", "UserProfile")
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None:
        record.append(
            Field("preferred_language", str(_("preferred language")), profile.preferred_language)
        )
    return [record]


def erase_profile(user, now):
    _model("wagtailusers", "UserProfile").objects.filter(user=user).delete()
    _model("partner", "Partner").users.through.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()


register(
    "profile",
    title=_("Your account"),
    collect=profile_data,
    erase=erase_profile,
    covers=["partner.Partner.users", "wagtailusers.UserProfile.user"],
    order=10,
)


# ISEE ----------------------------------------------------------------------------------


def isee_data(user):
    IseeDeclaration = _model("marketplace_pricing", "IseeDeclaration")
    IseeVerification = _model("marketplace_pricing", "IseeVerification")
    records = [
        model_record(d, ["value", "dsu_protocol", "expires_on", "verified_at", "updated_at"])
        for d in IseeDeclaration.objects.filter(user=user)
    ]
    records += [
        model_record(v, ["value", "dsu_protocol", "expires_on", "verified_at"])
        for v in IseeVerification.objects.filter(citizen=user)
    ]
    return records


def erase_isee(user, now):
    # The verifications first: they point at the declaration (SET_NULL).
    _model("marketplace_pricing", "IseeVerification").objects.filter(citizen=user).delete()
    _model("marketplace_pricing", "IseeDeclaration").objects.filter(user=user).delete()


register(
    "isee",
    title=_("Your household's ISEE"),
    collect=isee_data,
    erase=erase_isee,
    covers=[
        "marketplace_pricing.IseeDeclaration.user",
        "marketplace_pricing.IseeVerification.citizen",
    ],
    order=20,
)


# Addresses -----------------------------------------------------------------------------

ADDRESS_FIELDS = ["first_name", "last_name", "line1", "line2", "line3", "line4", "postcode",
                  "phone_number", "notes"]


def address_data(user):
    UserAddress = _model("address", "UserAddress")
    return [model_record(a, ADDRESS_FIELDS) for a in UserAddress.objects.filter(user=user)]


def erase_addresses(user, now):
    _model("address", "UserAddress").objects.filter(user=user).delete()


register(
    "addresses",
    title=_("Address book"),
    collect=address_data,
    erase=erase_addresses,
    covers=["address.UserAddress.user"],
    order=30,
)


# Orders --------------------------------------------------------------------------------


def order_data(user):
    Order = _model("order", "Order")
    orders = Order.objects.filter(user=user).order_by("date_placed")
    records = []
    for order in orders:
        record = model_record(order, ["number"])
        record += [
            Field("date_placed", str(_("Placed on")), order.date_placed),
            Field("status", str(_("Status")), str(statuses.order_status_label(order.status))),
        ]
        record += model_record(
            order,
            ["total_incl_tax", "currency", "language", "contact_name", "contact_phone",
             "beneficiary_name", "notes_for_providers", "channel", "consent_note"],
        )
        records.append(record)
    return records


def order_line_data(user):
    Line = _model("order", "Line")
    lines = (
        Line.objects.filter(order__user=user)
        .select_related("order")
        .prefetch_related("attributes__option", "status_changes")
        .order_by("order__date_placed", "pk")
    )
    records = []
    for line in lines:
        record = [Field("order", str(_("order number")), line.order.number)]
        record += model_record(
            line, ["title", "partner_name", "quantity", "line_price_incl_tax",
                   "comune_contribution"]
        )
        record.append(
            Field("status", str(_("Status")), str(statuses.line_status_label(line.status)))
        )
        for label, value in line_options.describe(line.attributes.all()):
            record.append(Field(f"option:{label}", str(label), str(value)))
        history = "; ".join(
            f"{change.changed_at:%Y-%m-%d %H:%M} {change.old_status} → {change.new_status}"
            for change in line.status_changes.all()
        )
        record.append(Field("history", str(_("status changes")), history))
        records.append(record)
    return records


def anonymise_orders(orders):
    """Empties the personal fields of ``orders`` (a queryset) and of their lines' service
    addresses; keeps numbers, dates, services, amounts and statuses (art. 2220 c.c.).

    Returns how many orders had personal data to empty. Idempotent: a second call finds
    nothing to empty and returns 0.
    """
    Order = _model("order", "Order")
    LineAttribute = _model("order", "LineAttribute")
    ShippingAddress = _model("order", "ShippingAddress")
    BillingAddress = _model("order", "BillingAddress")
    from django.db.models import Q

    personal = (
        Q(user__isnull=False) | ~Q(guest_email="") | ~Q(contact_name="")
        | ~Q(contact_phone="") | ~Q(beneficiary_name="") | ~Q(notes_for_providers="")
        | ~Q(consent_note="")
        | Q(shipping_address__isnull=False) | Q(billing_address__isnull=False)
    )
    ids = list(orders.filter(personal).values_list("pk", flat=True))
    if not ids:
        return 0
    shipping_ids = list(
        Order.objects.filter(pk__in=ids, shipping_address__isnull=False).values_list(
            "shipping_address_id", flat=True
        )
    )
    billing_ids = list(
        Order.objects.filter(pk__in=ids, billing_address__isnull=False).values_list(
            "billing_address_id", flat=True
        )
    )
    Order.objects.filter(pk__in=ids).update(
        user=None, guest_email="", contact_name="", contact_phone="", beneficiary_name="",
        notes_for_providers="", consent_note="", shipping_address=None, billing_address=None,
    )
    ShippingAddress.objects.filter(pk__in=shipping_ids).delete()
    BillingAddress.objects.filter(pk__in=billing_ids).delete()
    LineAttribute.objects.filter(
        line__order_id__in=ids, option__code=line_options.SERVICE_STREET
    ).update(value="")
    return len(ids)


def erase_orders(user, now):
    anonymise_orders(_model("order", "Order").objects.filter(user=user))


register(
    "orders",
    title=_("Orders"),
    collect=order_data,
    erase=erase_orders,
    covers=["order.Order.user"],
    order=40,
)
register(
    "order_lines",
    title=_("Services ordered"),
    collect=order_line_data,
    covers=["marketplace_fulfilment.LineStatusChange.changed_by"],
    order=41,
)


# Baskets -------------------------------------------------------------------------------


def basket_data(user):
    Basket = _model("basket", "Basket")
    records = []
    for basket in Basket.objects.filter(owner=user).prefetch_related("lines__attributes__option"):
        for line in basket.lines.all():
            record = [
                Field("basket_status", str(_("basket")), basket.get_status_display()),
                Field("product", str(_("service")), str(line.product) if line.product_id else ""),
                Field("quantity", str(_("quantity")), line.quantity),
                Field("date_created", str(_("added on")), line.date_created),
            ]
            for label, value in line_options.describe(line.attributes.all()):
                record.append(Field(f"option:{label}", str(label), str(value)))
            records.append(record)
    return records


def erase_baskets(user, now):
    _model("basket", "Basket").objects.filter(owner=user).delete()


register(
    "baskets",
    title=_("Basket"),
    collect=basket_data,
    erase=erase_baskets,
    covers=["basket.Basket.owner"],
    order=50,
)


# E-mails and notifications -------------------------------------------------------------


def email_data(user):
    Email = _model("communication", "Email")
    return [
        model_record(e, ["date_sent", "subject", "body_text"])
        for e in Email.objects.filter(user=user).order_by("date_sent")
    ]


def notification_data(user):
    Notification = _model("communication", "Notification")
    return [
        model_record(n, ["date_sent", "subject", "body", "date_read"])
        for n in Notification.objects.filter(recipient=user).order_by("date_sent")
    ]


def erase_communications(user, now):
    _model("communication", "Email").objects.filter(user=user).delete()
    Notification = _model("communication", "Notification")
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(sender=user).delete()


register(
    "emails",
    title=_("E-mails WeMi sent you"),
    collect=email_data,
    erase=erase_communications,
    covers=["communication.Email.user"],
    order=60,
)
register(
    "notifications",
    title=_("Notifications"),
    collect=notification_data,
    covers=["communication.Notification.recipient", "communication.Notification.sender"],
    order=61,
)


# Problem reports (linked by the e-mail address given for a reply) ----------------------


def problem_report_data(user):
    ProblemReport = _model("content_feedback", "ProblemReport")
    return [
        model_record(r, ["created_at", "kind", "description", "email", "handled"])
        for r in ProblemReport.objects.filter(email__iexact=user.email).order_by("created_at")
    ]


def erase_problem_reports(user, now):
    # The report stays (the listing may still be wrong); the address for a reply goes.
    ProblemReport = _model("content_feedback", "ProblemReport")
    ProblemReport.objects.filter(email__iexact=user.email).update(email="")


register(
    "problem_reports",
    title=_("Problems you reported"),
    collect=problem_report_data,
    erase=erase_problem_reports,
    order=70,
)


# Oscar's activity records (views, searches, reviews, alerts, wish lists, cards) ---------


def activity_data(user):
    records = []
    UserProductView = _model("analytics", "UserProductView")
    UserSearch = _model("analytics", "UserSearch")
    for view in UserProductView.objects.filter(user=user).select_related("product"):
        records.append([
            Field("kind", str(_("kind")), str(_("service viewed"))),
            Field("what", str(_("what")), str(view.product)),
            Field("date", str(_("date")), view.date_created),
        ])
    for search in UserSearch.objects.filter(user=user):
        records.append([
            Field("kind", str(_("kind")), str(_("search"))),
            Field("what", str(_("what")), search.query),
            Field("date", str(_("date")), search.date_created),
        ])
    UserRecord = _model("analytics", "UserRecord")
    for record in UserRecord.objects.filter(user=user):
        records.append(
            model_record(record, ["num_product_views", "num_basket_additions", "num_orders",
                                  "total_spent", "date_last_order"])
        )
    ProductReview = _model("reviews", "ProductReview")
    for review in ProductReview.objects.filter(user=user):
        records.append(model_record(review, ["title", "body", "score", "date_created"]))
    ProductAlert = _model("customer", "ProductAlert")
    for alert in ProductAlert.objects.filter(user=user):
        records.append(model_record(alert, ["product", "status", "date_created"]))
    WishList = _model("wishlists", "WishList")
    for wishlist in WishList.objects.filter(owner=user):
        records.append(model_record(wishlist, ["name", "date_created"]))
    Bankcard = _model("payment", "Bankcard")
    for card in Bankcard.objects.filter(user=user):
        records.append(model_record(card, ["card_type", "number", "expiry_date"]))
    VoucherApplication = _model("voucher", "VoucherApplication")
    for application in VoucherApplication.objects.filter(user=user):
        records.append(model_record(application, ["voucher", "date_created"]))
    return records


def erase_activity(user, now):
    for app_label, name, field_name in [
        ("analytics", "UserProductView", "user"),
        ("analytics", "UserSearch", "user"),
        ("analytics", "UserRecord", "user"),
        ("reviews", "Vote", "user"),
        ("reviews", "ProductReview", "user"),
        ("customer", "ProductAlert", "user"),
        ("wishlists", "WishList", "owner"),
        ("payment", "Bankcard", "user"),
    ]:
        _model(app_label, name).objects.filter(**{field_name: user}).delete()
    # A voucher's use stays counted (the offer's limits); who used it does not.
    _model("voucher", "VoucherApplication").objects.filter(user=user).update(user=None)


register(
    "activity",
    title=_("Activity on the site"),
    collect=activity_data,
    erase=erase_activity,
    covers=[
        "analytics.UserProductView.user",
        "analytics.UserSearch.user",
        "analytics.UserRecord.user",
        "reviews.ProductReview.user",
        "reviews.Vote.user",
        "customer.ProductAlert.user",
        "wishlists.WishList.owner",
        "payment.Bankcard.user",
        "voucher.VoucherApplication.user",
    ],
    order=80,
)


# Logins (django-axes: logins, failed attempts and lockouts, by the address typed) -------


def login_data(user):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    records = []
    for log in AccessLog.objects.filter(username__iexact=user.email).order_by("attempt_time"):
        records.append([
            Field("kind", str(_("kind")), str(_("login"))),
            Field("at", str(_("date")), log.attempt_time),
            Field("ip_address", str(_("IP address")), log.ip_address),
            Field("user_agent", str(_("browser")), log.user_agent),
        ])
    failures = AccessFailureLog.objects.filter(username__iexact=user.email)
    for failure in failures.order_by("attempt_time"):
        records.append([
            Field("kind", str(_("kind")), str(_("wrong password"))),
            Field("at", str(_("date")), failure.attempt_time),
            Field("ip_address", str(_("IP address")), failure.ip_address),
            Field("user_agent", str(_("browser")), failure.user_agent),
        ])
    attempts = AccessAttempt.objects.filter(username__iexact=user.email)
    for attempt in attempts.order_by("attempt_time"):
        records.append([
            Field("kind", str(_("kind")), str(_("failed logins counted for the lockout"))),
            Field("at", str(_("date")), attempt.attempt_time),
            Field("ip_address", str(_("IP address")), attempt.ip_address),
            Field("user_agent", str(_("browser")), attempt.user_agent),
        ])
    return records


def erase_logins(user, now):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.filter(username__iexact=user.email).delete()


register("logins", title=_("Logins"), collect=login_data, erase=erase_logins, order=90)


# Sessions: not a relation, but they hold the login --------------------------------------


def erase_sessions(user, now):
    """Ends every session of the account (on every device); the password made unusable
    would end them too, at their next request (Django's session hash)."""
    for session in Session.objects.filter(expire_date__gt=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()


register("sessions", title=_("Sessions"), collect=None, erase=erase_sessions, order=900)


# Relations to the user that are staff work, not the citizen's data --------------------

STAFF_WORK = _("the staff member who did it, in the CMS or the back office: citizens do "
               "not work there")
for relation in [
    "marketplace_pricing.IseeDeclaration.verified_by",
    "marketplace_pricing.IseeVerification.verified_by",
    "marketplace_fulfilment.LineFulfilment.payment_received_by",
    "content_feedback.ProblemReport.handled_by",
    "order.OrderNote.user",
    "offer.RangeProductFileUpload.uploaded_by",
    "admin.LogEntry.user",
    "wagtailcore.Page.owner",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Revision.user",
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.PageLogEntry.user",
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.PageSubscription.user",
    "wagtailcore.UploadedFile.uploaded_by_user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.TaskState.finished_by",
    "wagtailcore.APIToken.user",
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailimages.Image.uploaded_by_user",
    "wagtail_localize.StringTranslation.last_translated_by",
    "wagtail_localize.SegmentOverride.last_translated_by",
]:
    exclude(relation, STAFF_WORK)
exclude(
    "marketplace_rights.AccountErasure.user",
    _("the record that the account was erased: it holds no personal data"),
)

# Keep the rule constants importable from here for the templates' explanations.
RETENTION_YEARS = rules.ORDER_RETENTION_YEARS
