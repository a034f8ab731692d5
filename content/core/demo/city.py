"""Build the Milan demo content: taxonomy, index pages, Spazi, providers, services, news,
guides and the demo accounts.

The plan (names, facts, words) is drawn first from a seeded random generator and depends only
on the scale, never on what the database already holds; then every object is fetched by its
slug or created. Running the build twice therefore gives the same site, with no duplicates.
"""

import random
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import yaml
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils.text import slugify
from wagtail.models import Locale, Site

from content import factories
from content.core.models import HomePage, StandardPage
from content.core.roles import ensure_translators_group, setup_roles
from content.core.site_tree import ensure_site_tree
from content.news.models import NewsPage
from content.providers.models import ProviderAddress, ProviderPage
from content.providers.permissions import ensure_provider_staff_group
from content.services.models import ServiceLanguage, ServicePage
from content.spaces.models import OpeningHours, SpacePage
from content.spaces.operators import make_space_operator
from content.taxonomy.models import Audience, Need, Topic, Zone

from . import guides, texts

DATA_FILE = Path(__file__).with_name("milano.yaml")
SEED = 20260601
FULL_SIZE = {"providers": 58, "services": 300, "news": 12, "spaces": 9}

EDITOR_EMAIL, EDITOR_PASSWORD = "editor@wemi.example", "wemi-editor"
TRANSLATOR_EMAIL, TRANSLATOR_PASSWORD = "traduttore@wemi.example", "wemi-traduttore"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@wemi.example", "wemi-admin"
PROVIDER_PASSWORD = "wemi-provider"
OPERATOR_PASSWORD = "wemi-operatore"

AUDIENCE_NAMES = {
    "anziani": "Anziani",
    "persone con disabilità": "Persone con disabilità",
    "bambini e ragazzi": "Bambini e ragazzi",
    "famiglie": "Famiglie",
    "caregiver": "Caregiver familiari",
    "tutti": "Tutti",
}
OTHER_SPOKEN_LANGUAGES = ["en", "es", "ar", "zh", "tl", "ro", "uk", "fr", "si"]
INDEX_INTROS = {
    "services": "Cerca un servizio di cura, assistenza o aiuto quotidiano a partire da ciò "
    "di cui hai bisogno.",
    "providers": "Gli enti del terzo settore che offrono servizi su WeMi. In questa demo i "
    "nomi degli enti sono di fantasia.",
    "spaces": "Negli Spazi WeMi un operatore ti accoglie, ti orienta tra i servizi e ti aiuta "
    "con le pratiche online.",
    "news": "Novità sui servizi, sui contributi e sugli Spazi WeMi.",
}


def sized(full, scale, minimum):
    return max(minimum, round(full * scale))


def paragraphs(sentences):
    return "".join(f"<p>{sentence}</p>" for sentence in sentences)


def bullet_list(items, ordered=False):
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


@dataclass
class Counts:
    created: dict = field(default_factory=dict)
    existing: dict = field(default_factory=dict)

    def add(self, kind, created):
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1


class MilanDemo:
    def __init__(self, scale=1.0, log=print):
        self.scale = scale
        self.log = log
        self.random = random.Random(SEED)
        self.data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
        self.counts = Counts()
        self.italian = None

    # Taxonomy ---------------------------------------------------------------------------

    def _term(self, model, slug, **values):
        term = model.objects.filter(locale=self.italian, slug=slug).first()
        if term is None:
            term = model.objects.create(locale=self.italian, slug=slug, **values)
            self.counts.add(model.__name__, True)
        else:
            self.counts.add(model.__name__, False)
        return term

    def build_taxonomy(self):
        self.municipi, self.quartieri = {}, {}
        for order, municipio in enumerate(self.data["municipi"]):
            number = municipio["number"]
            zone = self._term(
                Zone, f"municipio-{number}", name=municipio["name"], kind=Zone.Kind.MUNICIPIO,
                number=number, sort_order=order,
            )
            self.municipi[number] = zone
            for position, name in enumerate(municipio["quartieri"]):
                self.quartieri[name] = self._term(
                    Zone, slugify(name), name=name, kind=Zone.Kind.QUARTIERE, parent=zone,
                    sort_order=position,
                )
        self.categories, self.needs = [], []
        for order, category in enumerate(self.data["needs"]):
            details = texts.CATEGORY_DETAILS[category["key"]]
            parent = self._term(
                Need, category["key"], name=category["it"], description=details["description"],
                icon=details["icon"], sort_order=order,
            )
            self.categories.append(parent)
            for position, name in enumerate(category["services"]):
                label = name[0].upper() + name[1:]
                self.needs.append(
                    self._term(Need, slugify(name), name=label, parent=parent, sort_order=position)
                )
        # Topics (Designers Italia vocabulary) come from a migration; each need category
        # names the ones its services are tagged with.
        topics = {topic.slug: topic for topic in Topic.objects.filter(locale=self.italian)}
        self.category_topics = {
            category["key"]: [topics[slug] for slug in category.get("topics", []) if slug in topics]
            for category in self.data["needs"]
        }
        self.audiences = {}
        for order, name in enumerate(self.data["audiences"]):
            audience = self._term(
                Audience, slugify(name), name=AUDIENCE_NAMES.get(name, name.capitalize()),
                sort_order=order,
            )
            self.audiences[audience.slug] = audience

    # Pages ------------------------------------------------------------------------------

    def _publish_new(self, parent, page, kind):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.counts.add(kind, True)
        return page

    def _child(self, parent, model, slug):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None:
            self.counts.add(model.__name__, False)
        return page

    def build_home_and_indexes(self):
        home = ensure_site_tree()
        if home.hero_text == "":
            home.title = "WeMi"
            home.hero_title = "WeMi, il welfare di tutti"
            home.hero_text = (
                "Servizi di cura, assistenza e aiuto quotidiano a Milano: trova quello che ti "
                "serve, confronta gli enti e chiedi aiuto negli Spazi WeMi."
            )
            home.save_revision().publish()
        self.home = HomePage.objects.get(pk=home.pk)
        self.indexes = {
            "services": factories.service_index(),
            "providers": factories.provider_index(),
            "spaces": factories.space_index(),
            "news": factories.news_index(),
        }
        for key, index in self.indexes.items():
            if not index.intro:
                index.intro = INDEX_INTROS[key]
                index.save_revision().publish()

    def build_spaces(self):
        count = sized(FULL_SIZE["spaces"], self.scale, 2)
        index = self.indexes["spaces"]
        for position, space in enumerate(self.data["spazi_wemi"][:count]):
            slug = slugify(space["name"])
            if self._child(index, SpacePage, slug):
                continue
            offers = list(texts.SPACE_COMMON_OFFERS) + [
                texts.SPACE_SPECIFIC_OFFERS[offer] for offer in space.get("offers", [])
            ]
            page = SpacePage(
                title=space["name"],
                slug=slug,
                intro=f"Uno Spazio WeMi nel {self.municipi[space['municipio']].name}: "
                "informazioni, orientamento e aiuto con le pratiche, su appuntamento o "
                "senza.",
                offers=bullet_list(offers),
                accessibility=paragraphs(
                    [
                        "Ingresso al piano strada, bagno accessibile e posti a sedere "
                        "nell'area di attesa." if position % 3 else
                        "Lo Spazio è al primo piano: l'ascensore è accanto all'ingresso.",
                        "Su richiesta è disponibile un operatore che conosce la Lingua dei "
                        "Segni Italiana (LIS).",
                    ]
                ),
                address=space["address"],
                municipio=self.municipi[space["municipio"]],
                quartiere=self.quartieri.get(space.get("quartiere")),
                phone=f"+39 02 5555 {100 + position:04d}",
                email=f"{slug}@wemi.example",
                step_free_access=bool(position % 3),
            )
            for weekday in range(5):
                page.opening_hours.add(OpeningHours(weekday=weekday, opens=time(9),
                                                    closes=time(13)))
                if (weekday + position) % 2 == 0:
                    page.opening_hours.add(OpeningHours(weekday=weekday, opens=time(14),
                                                        closes=time(18)))
            self._publish_new(index, page, "SpacePage")

    # Providers --------------------------------------------------------------------------

    def plan_providers(self):
        rng = self.random
        kinds = list(texts.PROVIDER_KIND_PREFIXES)
        weights = [10, 5, 3, 3, 2, 2, 1]
        names = [
            (noun, adjective)
            for adjective in texts.PROVIDER_ADJECTIVES
            for noun in texts.PROVIDER_NOUNS
        ]
        rng.shuffle(names)
        plans = []
        for number in range(sized(FULL_SIZE["providers"], self.scale, 3)):
            kind = rng.choices(kinds, weights)[0]
            noun, adjective = names[number]
            title = f"{texts.PROVIDER_KIND_PREFIXES[kind]} {noun} {adjective}"
            slug = slugify(title)
            municipio = rng.randint(1, 9)
            street, postcode = rng.choice(texts.STREETS[municipio])
            categories = rng.sample(range(len(self.categories)), 2)
            plans.append(
                {
                    "title": title,
                    "slug": slug,
                    "kind": kind,
                    "legal_name": f"{noun} {adjective} {texts.PROVIDER_LEGAL_SUFFIXES[kind]}",
                    "accreditation_number": f"WEMI-{2017 + number % 8}-{number + 1:04d}",
                    "accredited_until": date(2026 + rng.randint(1, 3), rng.choice([6, 12]), 30),
                    "phone": f"+39 02 5555 {2000 + number:04d}",
                    "email": f"info@{slug}.example.org",
                    "website": f"https://{slug}.example.org",
                    "description": paragraphs(
                        [
                            texts.PROVIDER_DESCRIPTIONS[0].format(
                                ente=title, anno=1985 + rng.randint(0, 35)
                            ),
                            *rng.sample(texts.PROVIDER_DESCRIPTIONS[1:], 2),
                        ]
                    ),
                    "address": (f"{street} {rng.randint(1, 180)}", postcode, municipio),
                    "categories": categories,
                }
            )
        return plans

    def build_providers(self):
        index = self.indexes["providers"]
        self.providers = []
        for plan in self.plan_providers():
            page = self._child(index, ProviderPage, plan["slug"])
            if page is None:
                street, postcode, municipio = plan["address"]
                page = ProviderPage(
                    title=plan["title"],
                    slug=plan["slug"],
                    description=plan["description"],
                    legal_name=plan["legal_name"],
                    kind=plan["kind"],
                    accreditation_number=plan["accreditation_number"],
                    accredited_until=plan["accredited_until"],
                    phone=plan["phone"],
                    email=plan["email"],
                    website=plan["website"],
                )
                page.addresses.add(
                    ProviderAddress(
                        label="Sede legale",
                        street_address=street,
                        postcode=postcode,
                        municipio=self.municipi[municipio],
                    )
                )
                self._publish_new(index, page, "ProviderPage")
            self.providers.append((page, plan))

    # Services ---------------------------------------------------------------------------

    def plan_services(self):
        rng = self.random
        by_category = {}
        for number, (_page, plan) in enumerate(self.providers):
            for category in plan["categories"]:
                by_category.setdefault(category, []).append(number)
        used_slugs = {number: set() for number in range(len(self.providers))}
        plans = []
        for number in range(sized(FULL_SIZE["services"], self.scale, len(self.providers))):
            need = self.needs[number % len(self.needs)]
            category_number = self.categories.index(
                next(c for c in self.categories if c.pk == need.parent_id)
            )
            category = self.categories[category_number]
            details = texts.CATEGORY_DETAILS[category.slug]
            candidates = by_category.get(category_number) or list(range(len(self.providers)))
            provider_number = (
                number % len(self.providers)
                if number < len(self.providers)
                else rng.choice(candidates)
            )
            provider, provider_plan = self.providers[provider_number]
            qualifiers = list(texts.TITLE_QUALIFIERS)
            rng.shuffle(qualifiers)
            for qualifier in qualifiers:
                title = f"{need.name} {qualifier}".strip()
                if slugify(title) not in used_slugs[provider_number]:
                    break
            else:
                title = f"{need.name} {number}"
            slug = slugify(title)
            used_slugs[provider_number].add(slug)

            needs = [need]
            siblings = [n for n in self.needs if n.parent_id == need.parent_id and n != need]
            if siblings and rng.random() < 0.25:
                needs.append(rng.choice(siblings))
            audiences = [
                self.audiences[slug]
                for slug in rng.sample(details["audiences"], rng.randint(1, 2))
            ]
            whole_city = rng.random() < 0.2
            home_municipio = provider_plan["address"][2]
            if whole_city:
                zones = []
            elif rng.random() < 0.5:
                numbers = {home_municipio, rng.randint(1, 9)}
                zones = [self.municipi[n] for n in sorted(numbers)]
            else:
                municipio = self.municipi[home_municipio]
                quartieri = [q for q in self.quartieri.values() if q.parent_id == municipio.pk]
                zones = rng.sample(quartieri, min(len(quartieri), rng.randint(1, 3)))
            delivery = {
                mode: rng.random() < chance for mode, chance in details["delivery"].items()
            }
            if not any(delivery.values()):
                delivery["home"] = True
            accredited = rng.random() < 0.55
            free = not accredited and provider_plan["kind"] in ("odv", "associazione") and (
                rng.random() < 0.4
            )
            sharable = "condivis" in title or rng.random() < 0.2
            is_active = rng.random() > 0.05
            languages = ["it", *rng.sample(OTHER_SPOKEN_LANGUAGES, rng.randint(0, 2))]
            words = {"servizio": title.lower(), "ente": provider_plan["title"]}

            if accredited:
                costs = paragraphs(texts.COSTS_ACCREDITED)
            elif free:
                costs = paragraphs([texts.COSTS_FREE])
            else:
                costs = paragraphs(rng.sample(texts.COSTS_MARKET, 2))
            audience_text = [texts.AUDIENCE_SENTENCES[a.slug] for a in audiences]
            what = [
                sentence.format(**words)
                for sentence in rng.sample(details["what"], min(4, len(details["what"])))
            ]
            plans.append(
                {
                    "provider": provider,
                    "title": title,
                    "slug": slug,
                    "summary": what[0],
                    "description": paragraphs(what[1:]),
                    "audience_description": paragraphs(audience_text),
                    "how_to_access": bullet_list(
                        [s.format(**words) for s in texts.ACCESS_STEPS[: rng.randint(4, 6)]],
                        ordered=True,
                    ),
                    "requirements": bullet_list(
                        rng.sample(texts.REQUIREMENTS, rng.randint(2, 4))
                    ),
                    "outcome": paragraphs(
                        rng.sample(details["outcome"], min(2, len(details["outcome"])))
                    ),
                    "times_and_deadlines": paragraphs(rng.sample(texts.TIMES, 2)),
                    "costs": costs,
                    "conditions": bullet_list(rng.sample(texts.CONDITIONS, 2)),
                    "contact_notes": paragraphs(rng.sample(texts.CONTACT_NOTES, 1)),
                    "faq": [
                        (
                            "faq",
                            {
                                "title": "",
                                "questions": [
                                    {"question": question, "answer": f"<p>{answer}</p>"}
                                    for question, answer in rng.sample(texts.FAQ, 3)
                                ],
                            },
                        )
                    ],
                    "is_active": is_active,
                    "inactive_reason": "" if is_active else rng.choice(texts.INACTIVE_REASONS),
                    "needs": needs,
                    "topics": self.category_topics.get(category.slug, []),
                    "zones": zones,
                    "serves_whole_city": whole_city,
                    "audiences": audiences,
                    "languages": languages,
                    "at_home": delivery["home"],
                    "at_provider": delivery["provider"],
                    "online": delivery["online"],
                    "sharable": sharable,
                    "accredited": accredited,
                }
            )
        return plans

    def conditions_document(self):
        """The demo's general conditions of service (a PDF, made once): every demo service
        links it under "Condizioni di servizio" (Designers Italia "service-file")."""
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model
        from weasyprint import HTML

        from marketplace.documents.receipts import font_configuration

        Document = get_document_model()
        title = "Condizioni generali di servizio WeMi (demo)"
        document = Document.objects.filter(title=title).first()
        if document is None:
            html = (
                "<h1>" + title + "</h1>"
                + "".join(f"<p>{sentence}</p>" for sentence in texts.CONDITIONS_OF_SERVICE)
            )
            pdf = HTML(string=html).write_pdf(font_config=font_configuration())
            document = Document.objects.create(
                title=title, file=ContentFile(pdf, name="condizioni-generali-wemi.pdf")
            )
        return document

    def build_services(self):
        self.conditions = self.conditions_document()
        for plan in self.plan_services():
            provider = plan.pop("provider")
            if self._child(provider, ServicePage, plan["slug"]):
                continue
            needs, zones, audiences = plan.pop("needs"), plan.pop("zones"), plan.pop("audiences")
            topics = plan.pop("topics")
            languages = plan.pop("languages")
            page = ServicePage(**plan)
            page.needs, page.zones, page.audiences = needs, zones, audiences
            page.topics = topics
            page.conditions_document = self.conditions
            for code in languages:
                page.languages.add(ServiceLanguage(code=code))
            self._publish_new(provider, page, "ServicePage")

    def tag_services_with_topics(self):
        """Give the Italian services built before topics and conditions documents existed
        their category's topics and the demo's conditions of service."""
        services = ServicePage.objects.filter(
            Q(topics__isnull=True) | Q(conditions_document__isnull=True), locale=self.italian
        ).distinct()
        for page in services.prefetch_related("needs__parent"):
            slugs = {need.parent.slug for need in page.needs.all() if need.parent}
            topics = {t for slug in slugs for t in self.category_topics.get(slug, [])}
            if topics and not page.topics.exists():
                page.topics = sorted(topics, key=lambda topic: topic.sort_order)
            page.conditions_document = page.conditions_document or self.conditions
            page.save_revision().publish()

    # News and guides --------------------------------------------------------------------

    def build_news(self):
        index = self.indexes["news"]
        items = texts.NEWS[: sized(FULL_SIZE["news"], self.scale, 2)]
        for number, (title, intro) in enumerate(items):
            slug = slugify(title)
            if self._child(index, NewsPage, slug):
                continue
            page = NewsPage(
                title=title,
                slug=slug,
                date=date(2026, 1 + number % 11, 3 + (number * 5) % 25),
                intro=intro,
                body=[
                    ("paragraph", paragraphs([intro])),
                    ("callout", {
                        "title": "Hai bisogno di aiuto?",
                        "text": "<p>Rivolgiti a uno Spazio WeMi: un operatore ti aiuta a "
                        "orientarti e a fare la domanda.</p>",
                        "tone": "info",
                    }),
                ],
            )
            self._publish_new(index, page, "NewsPage")

    def build_guides(self):
        for guide in guides.GUIDES:
            if self._child(self.home, StandardPage, guide["slug"]):
                continue
            page = StandardPage(
                title=guide["title"],
                slug=guide["slug"],
                intro=guide["intro"],
                body=guide["body"],
                show_in_menus=guide["in_menu"],
            )
            self._publish_new(self.home, page, "StandardPage")

    def build_footer_links(self):
        """Point the footer's links at the guides (the footer settings belong to the
        feedback app: skipped when it is not installed); links already chosen are kept."""
        if not django_apps.is_installed("content.feedback"):
            return
        footer_settings = django_apps.get_model("content_feedback", "FooterSettings")
        footer = footer_settings.for_site(Site.objects.get(is_default_site=True))
        for field_name, slug in guides.FOOTER_LINKS.items():
            if getattr(footer, f"{field_name}_id") is None:
                setattr(footer, field_name, StandardPage.objects.child_of(self.home).get(slug=slug))
        for field_name, value in guides.FOOTER_CONTACTS.items():
            setattr(footer, field_name, getattr(footer, field_name) or value)
        footer.save()

    # Accounts ---------------------------------------------------------------------------

    def _account(self, email, password_hash, **flags):
        User = get_user_model()
        user = User.objects.filter(email=email).first()
        created = user is None
        if created:
            user = User(email=email, **flags)
        user.password = password_hash
        for name, value in flags.items():
            setattr(user, name, value)
        user.save()
        self.counts.add("User", created)
        return user

    def build_accounts(self):
        editors = setup_roles()
        editor = self._account(EDITOR_EMAIL, make_password(EDITOR_PASSWORD),
                               first_name="Elena", last_name="Redazione")
        editor.groups.add(editors)
        translator = self._account(TRANSLATOR_EMAIL, make_password(TRANSLATOR_PASSWORD),
                                   first_name="Tomás", last_name="Traduzioni")
        translator.groups.add(ensure_translators_group())
        self._account(ADMIN_EMAIL, make_password(ADMIN_PASSWORD), is_staff=True,
                      is_superuser=True, first_name="Amministratore")
        provider_hash = make_password(PROVIDER_PASSWORD)
        self.staff_logins = []
        for page, _plan in self.providers:
            group = ensure_provider_staff_group(ProviderPage.objects.get(pk=page.pk))
            email = f"staff+{page.slug}@wemi.example"
            user = self._account(email, provider_hash, first_name="Staff",
                                 last_name=page.title[:150])
            user.groups.add(group)
            self.staff_logins.append((email, page))
        self.build_space_operators()

    def build_space_operators(self):
        """One operator per demo Spazio: operatore+<spazio-slug>@wemi.example."""
        operator_hash = make_password(OPERATOR_PASSWORD)
        self.operator_logins = []
        # Every Italian Spazio (not only this run's index: build_accounts also runs alone).
        spaces = SpacePage.objects.filter(locale__language_code="it").order_by("path")
        for space in spaces:
            email = f"operatore+{space.slug}@wemi.example"
            user = self._account(email, operator_hash, first_name="Operatore",
                                 last_name=space.title[:150])
            make_space_operator(user, space)
            self.operator_logins.append((email, space))

    # ------------------------------------------------------------------------------------

    def build(self):
        self.italian = Locale.objects.get(language_code="it")
        steps = [
            ("taxonomy (Municipi, quartieri, needs, audiences)", self.build_taxonomy),
            ("home page and section indexes", self.build_home_and_indexes),
            ("Spazi WeMi", self.build_spaces),
            ("providers", self.build_providers),
            ("services", self.build_services),
            ("topics and conditions of older services", self.tag_services_with_topics),
            ("news", self.build_news),
            ("guides", self.build_guides),
            ("footer links", self.build_footer_links),
            ("roles and accounts", self.build_accounts),
        ]
        for label, step in steps:
            self.log(f"  {label}...")
            step()
        return self.counts
