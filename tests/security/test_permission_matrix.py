"""Permission matrix (issue 12, decision 0010): roles x objects x actions, allow or deny.

One world is built once for the module (inside a transaction rolled back at the end): two
providers with staff, two citizens (one with an order and an ISEE declaration), a translator,
an editor; a public service, a service restricted to logged-in visitors (its alias in English,
its translation in Spanish), a withdrawn (unpublished) service, a provider's draft, a private
and a public document and image. Each test is one (object, action) pair tried by every role.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Locale, Page, PageViewRestriction

ROLES = ("anonymous", "citizen_a", "citizen_b", "staff_a", "staff_b", "translator", "editor")
EVERYBODY = set(ROLES)
LOGGED_IN = EVERYBODY - {"anonymous"}
NOBODY = set()


class World(dict):
    __getattr__ = dict.__getitem__


def _build_world():
    from content import factories
    from content.core.languages import synchronise_language_trees
    from content.core.roles import TRANSLATORS_GROUP, setup_roles
    from content.core.site_tree import ensure_site_tree
    from content.core.translations import translate
    from content.core.uploads import make_private
    from marketplace import factories as shop
    from marketplace.defaults import ensure_all as ensure_marketplace_defaults
    from search.indexing import rebuild_index
    from tests.fulfilment.conftest import make_offer, make_partner, make_user, place_order

    ensure_site_tree()
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    ensure_marketplace_defaults()
    editors = setup_roles()
    factories.service_index()
    category = factories.make_need("Matrice categoria", slug="matrice-categoria")
    need = factories.make_need("Matrice bisogno", parent=category)
    zone = factories.make_zone("Municipio Matrice", number=9)
    audience = factories.make_audience("Matrice pubblico")
    facts = {"needs": [need], "zones": [zone], "audiences": [audience]}
    provider_a = factories.make_provider("Cooperativa Alfa Matrice", municipio=zone)
    provider_b = factories.make_provider("Cooperativa Beta Matrice", municipio=zone)
    public = factories.make_service(provider_a, "Servizio aperto Quercia", **facts)
    restricted = factories.make_service(provider_a, "Servizio riservato Ginepro", **facts)
    withdrawn = factories.make_service(provider_a, "Servizio ritirato Salice", **facts)
    synchronise_language_trees()
    english, spanish = Locale.objects.get(language_code="en"), Locale.objects.get(
        language_code="es"
    )
    translate(restricted, spanish, {"Servizio riservato Ginepro": "Servicio reservado Enebro"})
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    withdrawn.unpublish()
    draft = factories.make_service(provider_a, "Bozza segreta Mirtillo", publish=False, **facts)
    draft.save_revision(log_action=True)  # an entry in the site history
    synchronise_language_trees()  # drafts are not aliased

    def counterpart(page, locale):
        return Page.objects.get(translation_key=page.translation_key, locale=locale).specific

    users = {
        "citizen_a": shop.make_citizen("matrice-a@wemi.example", isee="9000"),
        "citizen_b": shop.make_citizen("matrice-b@wemi.example"),
        "staff_a": make_user(groups=[provider_a.staff_group]),
        "staff_b": make_user(groups=[provider_b.staff_group]),
        "translator": make_user(groups=[editors.__class__.objects.get(name=TRANSLATORS_GROUP)]),
        "editor": make_user(groups=[editors]),
    }

    Document, Image = get_document_model(), get_image_model()
    collection_a = Collection.objects.get(name=provider_a.title)
    root = Collection.get_first_root_node()
    private_document = Document.objects.create(
        title="Modulo privato Alfa",
        collection=collection_a,
        file=ContentFile(b"riservato", name="modulo-privato-alfa.txt"),
    )
    public_document = Document.objects.create(
        title="Guida pubblica", collection=root, file=ContentFile(b"pubblico", name="guida.txt")
    )
    private_image = Image.objects.create(
        title="Foto privata Alfa", collection=collection_a, file=get_test_image_file("alfa.png")
    )
    public_image = Image.objects.create(
        title="Foto pubblica", collection=root, file=get_test_image_file("pubblica.png")
    )
    make_private(collection_a)  # already private (provider uploads); idempotent

    partner = make_partner(provider_a)
    order = place_order(users["citizen_a"], make_offer(partner))
    rebuild_index()
    return World(
        users=users,
        provider_a=provider_a,
        provider_a_en=counterpart(provider_a, english),
        provider_a_es=counterpart(provider_a, spanish),
        category=category,
        pages={
            "public service (it)": public,
            "public service alias (en)": counterpart(public, english),
            "restricted service (it)": restricted,
            "restricted service alias (en)": counterpart(restricted, english),
            "restricted service translation (es)": counterpart(restricted, spanish),
            "withdrawn service alias (en)": counterpart(withdrawn, english),
            "draft service (it)": draft,
        },
        words={
            "public service (it)": "Quercia",
            "public service alias (en)": "Quercia",
            "restricted service (it)": "Ginepro",
            "restricted service alias (en)": "Ginepro",
            "restricted service translation (es)": "Enebro",
            "withdrawn service alias (en)": "Salice",
            "draft service (it)": "Mirtillo",
        },
        documents={"private document": private_document, "public document": public_document},
        images={"private image": private_image, "public image": public_image},
        order=order,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _client_as(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


# Actions: (client, world, object name) -> True when the role got the object.


def _ids(response):
    if response.status_code != 200:
        return set()
    return {item["id"] for item in response.json()["items"]}


def view_page(client, world, name):
    page = world.pages[name]
    response = client.get(page.url)
    return response.status_code == 200 and page.title in response.content.decode()


def api_detail(client, world, name):
    return client.get(f"/api/v2/pages/{world.pages[name].pk}/").status_code == 200


def api_listing(client, world, name):
    response = client.get("/api/v2/pages/", {"type": "content_services.ServicePage", "limit": 20})
    return world.pages[name].pk in _ids(response)


def api_search(client, world, name):
    response = client.get("/api/v2/pages/", {"search": world.words[name], "limit": 20})
    return world.pages[name].pk in _ids(response)


def site_search(client, world, name):
    page = world.pages[name]
    language = page.locale.language_code
    response = client.get(f"/{language}/cerca/", {"q": world.words[name]})
    return response.status_code == 200 and page.url in response.content.decode()


def search_api(client, world, name):
    page = world.pages[name]
    response = client.get(
        "/api/search/", {"q": world.words[name], "lang": page.locale.language_code}
    )
    return response.status_code == 200 and page.url in response.content.decode()


def provider_listing(client, world, name):
    page = world.pages[name]
    provider = page.get_parent()
    response = client.get(provider.url)
    return response.status_code == 200 and page.url in response.content.decode()


def category_listing(client, world, name):
    from content.services.models import ServiceIndexPage

    page = world.pages[name]
    index = ServiceIndexPage.objects.get(locale=page.locale)
    response = client.get(index.category_url(world.category))
    return response.status_code == 200 and page.url in response.content.decode()


def rating_form(client, world, name):
    page = world.pages[name]
    return client.get(f"/{page.locale.language_code}/valuta/{page.pk}/").status_code == 200


def _admin(view_name):
    def action(client, world, name):
        response = client.get(reverse(view_name, args=[world.pages[name].pk]))
        return response.status_code == 200

    action.__name__ = view_name.split(":")[-1]
    return action


admin_edit = _admin("wagtailadmin_pages:edit")
admin_delete = _admin("wagtailadmin_pages:delete")
admin_move = _admin("wagtailadmin_pages:move")
admin_copy = _admin("wagtailadmin_pages:copy")


def admin_search(client, world, name):
    edit_url = reverse("wagtailadmin_pages:edit", args=[world.pages[name].pk])
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": world.words[name]})
    return response.status_code == 200 and f'"{edit_url}"' in response.content.decode()


def site_history(client, world, name):
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    return response.status_code == 200 and world.pages[name].title in response.content.decode()


def download(client, world, name):
    document = world.documents[name]
    response = client.get(document.url)
    if response.status_code != 200:
        return False
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body == document.file.open("rb").read()


def documents_api(client, world, name):
    document = world.documents[name]
    listed = document.pk in _ids(client.get("/api/v2/documents/", {"limit": 20}))
    detail = client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    return listed or detail


def image_files(client, world, name):
    """The original file and a rendition's file, by their media URLs (content/core/image_files)."""
    image = world.images[name]
    rendition = image.get_rendition("max-80x80")
    seen = []
    for url, stored in ((image.file.url, image.file), (rendition.url, rendition.file)):
        response = client.get(url)
        if response.status_code != 200:
            seen.append(False)
            continue
        body = b"".join(response.streaming_content)
        seen.append(body == stored.open("rb").read())
    assert seen[0] == seen[1], seen  # the original and its renditions answer alike
    return seen[0]


def images_api(client, world, name):
    image = world.images[name]
    listed = image.pk in _ids(client.get("/api/v2/images/", {"limit": 20}))
    detail = client.get(f"/api/v2/images/{image.pk}/").status_code == 200
    return listed or detail


def order_detail(client, world, name):
    response = client.get(reverse("customer:order", args=[world.order.number]))
    return response.status_code == 200 and str(world.order.number) in response.content.decode()


def order_receipt(client, world, name):
    url = reverse("marketplace_documents:order-receipt", kwargs={"number": world.order.number})
    return client.get(url).status_code == 200


def isee_declaration(client, world, name):
    response = client.get(reverse("marketplace_pricing:isee-declaration"))
    declaration = world.users["citizen_a"].isee_declaration
    return response.status_code == 200 and declaration.dsu_protocol in response.content.decode()


PUBLIC_PAGE = {
    view_page: EVERYBODY,
    api_detail: EVERYBODY,
    api_listing: EVERYBODY,
    api_search: EVERYBODY,
    site_search: EVERYBODY,
    search_api: EVERYBODY,
    provider_listing: EVERYBODY,
    category_listing: EVERYBODY,
    rating_form: EVERYBODY,
}
# Restricted to logged-in visitors: the page itself opens for them; nothing lists it, the
# API and the search index hold public pages only, and feedback is for public pages.
RESTRICTED_PAGE = {**dict.fromkeys(PUBLIC_PAGE, NOBODY), view_page: LOGGED_IN}
NOT_LIVE_PAGE = dict.fromkeys(PUBLIC_PAGE, NOBODY)

MATRIX = {
    "public service (it)": {
        **PUBLIC_PAGE,
        admin_edit: {"staff_a", "editor"},
        admin_delete: {"editor"},
        admin_move: {"editor"},
        admin_search: {"staff_a", "editor"},
    },
    "public service alias (en)": {
        **PUBLIC_PAGE,
        admin_edit: {"translator", "editor"},
        admin_delete: {"editor"},
        admin_move: {"editor"},
    },
    "restricted service (it)": {
        **RESTRICTED_PAGE,
        admin_edit: {"staff_a", "editor"},
        admin_delete: {"editor"},
    },
    "restricted service alias (en)": {**RESTRICTED_PAGE, admin_edit: {"translator", "editor"}},
    "restricted service translation (es)": {
        **RESTRICTED_PAGE,
        admin_edit: {"translator", "editor"},
    },
    # Unpublished by the Comune: the translators no longer work on it.
    "withdrawn service alias (en)": {
        **NOT_LIVE_PAGE,
        admin_edit: {"editor"},
        admin_delete: {"editor"},
        admin_move: {"editor"},
        admin_copy: {"editor"},
        admin_search: {"editor"},
    },
    # A provider's draft: its provider's staff and the Comune editors only.
    "draft service (it)": {
        **NOT_LIVE_PAGE,
        admin_edit: {"staff_a", "editor"},
        admin_delete: {"staff_a", "editor"},
        admin_move: {"staff_a", "editor"},
        admin_search: {"staff_a", "editor"},
        site_history: {"staff_a", "editor"},
    },
    "private document": {download: {"staff_a", "editor"}, documents_api: NOBODY},
    "public document": {download: EVERYBODY, documents_api: EVERYBODY},
    "private image": {images_api: NOBODY, image_files: {"staff_a", "editor"}},
    "public image": {images_api: EVERYBODY, image_files: EVERYBODY},
    "citizen A's order": {order_detail: {"citizen_a"}, order_receipt: {"citizen_a"}},
    "citizen A's ISEE": {isee_declaration: {"citizen_a"}},
}

CASES = [
    pytest.param(name, action, allowed, id=f"{name}-{action.__name__}")
    for name, actions in MATRIX.items()
    for action, allowed in actions.items()
]


@pytest.mark.parametrize(("name", "action", "allowed"), CASES)
def test_permission_matrix(client, world, db, name, action, allowed):
    got = {role for role in ROLES if action(_client_as(client, world, role), world, name)}
    assert got == allowed, (
        f"{name} / {action.__name__}: granted to {sorted(got - allowed)}, "
        f"refused to {sorted(allowed - got)}"
    )


def test_drafts_have_no_aliases_or_translations(world, db):
    draft = world.pages["draft service (it)"]
    assert list(Page.objects.filter(translation_key=draft.translation_key)) == [draft.page_ptr]
    assert not Page.objects.filter(alias_of=draft).exists()


def test_the_restriction_reaches_every_language(world, db):
    restricted = world.pages["restricted service (it)"]
    family = Page.objects.filter(translation_key=restricted.translation_key)
    assert family.count() == len(Locale.objects.all())
    for page in family:
        assert [r.restriction_type for r in page.view_restrictions.all()] == ["login"], page
