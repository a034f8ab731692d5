"""Builders for content objects, shared by tests and the demo seeder.

Pages are built with Wagtail's tree API (``add_child``), so they get a valid path, URL and
revision. Every builder takes keyword overrides; defaults are realistic but fictional.
"""

import itertools
from datetime import date

from django.utils.text import slugify
from wagtail.models import Locale

from content.core.models import StandardPage
from content.core.site_tree import ensure_site_tree
from content.news.models import NewsIndexPage, NewsPage
from content.providers.models import ProviderAddress, ProviderIndexPage, ProviderPage
from content.services.models import ServiceIndexPage, ServiceLanguage, ServicePage
from content.spaces.models import OpeningHours, SpaceIndexPage, SpacePage
from content.taxonomy.models import Audience, Need, Topic, Zone

_sequence = itertools.count(1)


def _unique(prefix):
    return f"{prefix} {next(_sequence)}"


def _italian():
    return Locale.objects.get(language_code="it")


def make_need(name=None, parent=None, **fields):
    name = name or _unique("Bisogno")
    fields.setdefault("slug", slugify(name))
    return Need.objects.create(name=name, parent=parent, locale=_italian(), **fields)


def make_zone(name=None, kind=Zone.Kind.MUNICIPIO, parent=None, **fields):
    name = name or _unique("Municipio")
    fields.setdefault("slug", slugify(name))
    return Zone.objects.create(name=name, kind=kind, parent=parent, locale=_italian(), **fields)


def make_audience(name=None, **fields):
    name = name or _unique("Pubblico")
    fields.setdefault("slug", slugify(name))
    return Audience.objects.create(name=name, locale=_italian(), **fields)


def make_topic(name=None, **fields):
    """A topic in Italian (the seed migration's row when one has this slug)."""
    name = name or _unique("Argomento")
    fields.setdefault("slug", slugify(name))
    topic, _created = Topic.objects.get_or_create(
        locale=_italian(), slug=fields.pop("slug"), defaults={"name": name, **fields}
    )
    return topic


def _child_of_home(model, **fields):
    home = ensure_site_tree()
    existing = model.objects.child_of(home).first()
    if existing:
        return existing
    page = model(**fields)
    home.add_child(instance=page)
    return page


def provider_index():
    return _child_of_home(
        ProviderIndexPage, title="Enti erogatori", slug="enti", show_in_menus=True
    )


def service_index():
    return _child_of_home(ServiceIndexPage, title="Servizi", slug="servizi", show_in_menus=True)


def space_index():
    return _child_of_home(SpaceIndexPage, title="Spazi WeMi", slug="spazi", show_in_menus=True)


def news_index():
    return _child_of_home(NewsIndexPage, title="Notizie", slug="notizie", show_in_menus=True)


def make_provider(title=None, municipio=None, publish=True, **fields):
    title = title or _unique("Cooperativa Sociale Esempio")
    fields.setdefault("slug", slugify(title))
    fields.setdefault("legal_name", f"{title} Soc. Coop. Sociale")
    fields.setdefault("kind", ProviderPage.Kind.SOCIAL_COOPERATIVE)
    fields.setdefault("accreditation_number", f"MI-{next(_sequence):04d}")
    fields.setdefault("accredited_until", date(2028, 12, 31))
    fields.setdefault("phone", "+39 02 0000 0000")
    fields.setdefault("email", f"{fields['slug']}@example.org")
    fields.setdefault("description", "<p>Ente del terzo settore accreditato dal Comune.</p>")
    page = ProviderPage(title=title, **fields)
    page.addresses.add(
        ProviderAddress(street_address="Via Esempio 1", postcode="20100", municipio=municipio)
    )
    provider_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def make_service(
    provider,
    title=None,
    needs=(),
    zones=(),
    audiences=(),
    languages=("it",),
    publish=True,
    topics=(),
    **fields,
):
    title = title or _unique("Servizio di assistenza")
    fields.setdefault("slug", slugify(title))
    fields.setdefault("summary", f"{title}: un servizio per le persone e le famiglie di Milano.")
    for section in ("description", "audience_description", "how_to_access"):
        fields.setdefault(section, f"<p>{title}.</p>")
    page = ServicePage(title=title, live=publish, **fields)
    page.needs = list(needs)
    page.zones = list(zones)
    page.audiences = list(audiences)
    page.topics = list(topics)
    for code in languages:
        page.languages.add(ServiceLanguage(code=code))
    provider.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def _publish(page, publish):
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_space(title=None, municipio=None, opening_hours=(), publish=True, **fields):
    """A Spazio WeMi; ``opening_hours`` is a list of (weekday, opens, closes)."""
    title = title or _unique("Spazio WeMi Esempio")
    fields.setdefault("slug", slugify(title))
    fields.setdefault("address", "Via Esempio 1")
    fields.setdefault("offers", "<ul><li>Informazione e orientamento sui servizi</li></ul>")
    if municipio is None:
        municipio = Zone.objects.filter(kind=Zone.Kind.MUNICIPIO).first() or make_zone()
    page = SpacePage(title=title, live=publish, municipio=municipio, **fields)
    for weekday, opens, closes in opening_hours:
        page.opening_hours.add(OpeningHours(weekday=weekday, opens=opens, closes=closes))
    space_index().add_child(instance=page)
    return _publish(page, publish)


def make_news(title=None, publish=True, **fields):
    title = title or _unique("Notizia")
    fields.setdefault("slug", slugify(title))
    fields.setdefault("intro", f"{title}: le novità di WeMi per i cittadini.")
    page = NewsPage(title=title, live=publish, **fields)
    news_index().add_child(instance=page)
    return _publish(page, publish)


def make_guide(title=None, parent=None, publish=True, **fields):
    """A StandardPage (guide) under the home page, or under ``parent``."""
    title = title or _unique("Guida")
    fields.setdefault("slug", slugify(title))
    page = StandardPage(title=title, live=publish, **fields)
    (parent or ensure_site_tree()).add_child(instance=page)
    return _publish(page, publish)
