"""E-mails about quote requests, each in its recipient's language.

The citizen reads the language the request was written in; each member of a provider's
staff reads the language they chose for the admin (Wagtail's ``UserProfile.preferred_language``,
the site's default, Italian, when they chose none), so one e-mail per language. Tasks are enqueued
from ``transaction.on_commit`` (immediate in the demo, a worker in production) and receive
ids: they read the rows again, so a late run sends what is true then.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from marketplace.emails import site_url


def provider_staff_emails(partner):
    """The e-mail addresses of the staff of ``partner``'s provider page."""
    return sorted(email for emails in provider_staff_recipients(partner).values()
                  for email in emails)


def provider_staff_recipients(partner):
    """``{language: [e-mail addresses]}`` of the staff of ``partner``'s provider page, each
    in the language of their admin profile (the site's default when unset or unknown)."""
    from content.providers.models import ProviderPage

    if not partner.provider_key:
        return {}
    page = ProviderPage.objects.filter(
        translation_key=partner.provider_key, staff_group__isnull=False
    ).select_related("staff_group").first()
    if page is None:
        return {}
    codes = {code for code, _name in settings.LANGUAGES}
    groups = {}
    staff = (page.staff_group.user_set.filter(is_active=True).exclude(email="")
             .values_list("email", "wagtail_userprofile__preferred_language"))
    for email, language in staff:
        language = (language or "").lower()
        groups.setdefault(language if language in codes else settings.LANGUAGE_CODE,
                          []).append(email)
    return {language: sorted(emails) for language, emails in sorted(groups.items())}


def _mail_staff(partner, subject, body):
    for language, recipients in provider_staff_recipients(partner).items():
        _mail(recipients, language, subject, body)


def _mail(recipients, language, subject, body):
    if recipients:
        with translation.override(language):
            send_mail(str(subject()), str(body()), settings.DEFAULT_FROM_EMAIL, recipients)


def _citizen_url(request):
    with translation.override(request.language):
        return site_url(reverse("quotes:request-detail", kwargs={"uuid": request.uuid}))


def _provider_url(quote):
    return site_url(reverse("quotes_admin:detail", kwargs={"pk": quote.pk}))


def _quote(pk):
    from .models import Quote

    return Quote.objects.select_related("request__citizen", "partner").get(pk=pk)


@task()
def new_request(request_pk):
    """Tell each chosen provider's staff that a request is waiting for their answer."""
    from .models import QuoteRequest

    request = QuoteRequest.objects.get(pk=request_pk)
    for quote in request.quotes.select_related("partner"):
        _mail_staff(
            quote.partner,
            lambda: _("WeMi: a new request for a quote"),
            lambda quote=quote: _(
                "A citizen has asked %(provider)s for a quote. Answers are wanted by "
                "%(date)s.\n\nAnswer here: %(url)s"
            )
            % {
                "provider": quote.partner.name,
                "date": request.respond_by.isoformat(),
                "url": _provider_url(quote),
            },
        )


@task()
def quote_answered(quote_pk):
    """Tell the citizen that a provider answered (a price or a refusal)."""
    quote = _quote(quote_pk)
    request = quote.request
    _mail(
        [request.citizen.email],
        request.language,
        lambda: _("WeMi: %(provider)s has answered your request") % {
            "provider": quote.partner.name
        },
        lambda: _("%(provider)s has answered your request for a quote.\n\nSee and compare "
                  "the answers here: %(url)s") % {
            "provider": quote.partner.name, "url": _citizen_url(request)
        },
    )


@task()
def quote_accepted(quote_pk):
    """Tell the chosen provider's staff that their quote was accepted."""
    quote = _quote(quote_pk)
    _mail_staff(
        quote.partner,
        lambda: _("WeMi: your quote has been accepted"),
        lambda: _("The citizen has accepted the quote of %(provider)s. The service address "
                  "is now shown with the request; the order arrives once the citizen has "
                  "paid.\n\n%(url)s") % {"provider": quote.partner.name,
                                         "url": _provider_url(quote)},
    )


@task()
def quote_not_chosen(quote_pk):
    """Tell a provider, politely, that the citizen chose another quote."""
    quote = _quote(quote_pk)
    _mail_staff(
        quote.partner,
        lambda: _("WeMi: thank you for your quote"),
        lambda: _("Thank you for answering a citizen's request. This time the citizen has "
                  "chosen another provider: nothing more is needed from %(provider)s for "
                  "this request.") % {"provider": quote.partner.name},
    )


@task()
def new_message(message_pk):
    """Tell the other side of a thread, if it is still away when the worker runs (no socket
    open, nothing read lately: ``rules.should_email``), that a message arrived."""
    from django.utils import timezone

    from . import presence, rules, workflow
    from .models import QuoteMessage

    message = QuoteMessage.objects.select_related("quote__request__citizen",
                                                  "quote__partner").get(pk=message_pk)
    quote = message.quote
    other = workflow.OTHER_SIDE.get(message.side)
    if other is None or not rules.should_email(
        presence.is_online(quote.pk, other), workflow.last_read(quote, other), timezone.now()
    ):
        return
    subject = lambda: _("WeMi: a new message about your request")  # noqa: E731
    if message.side == QuoteMessage.Side.PROVIDER:
        url = _citizen_url(quote.request)
        _mail([quote.request.citizen.email], quote.request.language, subject,
              lambda: _new_message_body(quote, url))
    else:
        url = _provider_url(quote)
        _mail_staff(quote.partner, subject, lambda: _new_message_body(quote, url))


def _new_message_body(quote, url):
    return _("You have a new message on WeMi about a request for a quote (%(provider)s)."
             "\n\nRead it and answer here: %(url)s") % {"provider": quote.partner.name, "url": url}
