"""The three leaks of issue 12, unit by unit: restrictions across a page's family (and the
search index, re-indexed when they change), aliases only on first publish, private uploads."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, PageViewRestriction

from content import factories
from content.core.drafts import alias_on_publish, remove_draft_aliases
from content.core.languages import synchronise_language_trees
from content.core.restrictions import page_family, restriction_signature
from content.core.translations import translate
from content.core.uploads import public_collections

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    """A provider with a published service, synchronised into every language, and the
    service translated into Spanish."""
    provider = factories.make_provider("Cooperativa Fuga Privata")
    service = factories.make_service(provider, "Servizio Nocciola")
    synchronise_language_trees()
    spanish = Locale.objects.get(language_code="es")
    translate(service, spanish, {"Servizio Nocciola": "Servicio Avellana"})
    return {"provider": provider, "service": service, "spanish": spanish}


def family_signatures(page):
    return {
        other.locale.language_code: restriction_signature(other)
        for other in [page, *page_family(page)]
    }


def test_the_family_is_every_translation_and_alias(tree):
    service = tree["service"]
    family = page_family(service)
    assert {page.locale.language_code for page in family} == {"en", "ar", "zh-hans", "es"}
    assert all(page.translation_key == service.translation_key for page in family)


def test_adding_changing_and_removing_a_restriction_reaches_every_language(tree):
    service = tree["service"]
    restriction = PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    assert set(family_signatures(service).values()) == {(("login", "", ()),)}

    group = Group.objects.create(name="Operatori di prova")
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([group])
    assert set(family_signatures(service).values()) == {(("groups", "", (group.pk,)),)}

    restriction.delete()
    assert set(family_signatures(service).values()) == {()}
    family = Page.objects.filter(translation_key=service.translation_key)
    assert family.live().public().count() == 5


def test_a_restriction_set_on_a_translation_holds_for_the_italian_page_too(tree):
    translation = Page.objects.get(
        translation_key=tree["service"].translation_key, locale=tree["spanish"]
    )
    PageViewRestriction.objects.create(
        page=translation, restriction_type=PageViewRestriction.PASSWORD, password="segreta"
    )
    assert set(family_signatures(tree["service"]).values()) == {(("password", "segreta", ()),)}


def test_deleting_a_translation_leaves_the_italian_restriction_alone(tree):
    service = tree["service"]
    PageViewRestriction.objects.create(page=service, restriction_type=PageViewRestriction.LOGIN)
    Page.objects.get(translation_key=service.translation_key, locale=tree["spanish"]).delete()
    assert service.view_restrictions.count() == 1
    english = Page.objects.get(translation_key=service.translation_key, locale__language_code="en")
    assert english.view_restrictions.count() == 1


def test_a_restriction_takes_the_service_out_of_the_search_in_every_language_and_back(
    tree, client, django_capture_on_commit_callbacks
):
    from search.indexing import rebuild_index

    service = tree["service"]
    rebuild_index()

    def found(language, word):
        page = Page.objects.get(
            translation_key=service.translation_key, locale__language_code=language
        )
        response = client.get("/api/search/", {"q": word, "lang": language})
        return page.url in response.content.decode()

    assert found("it", "Nocciola") and found("en", "Nocciola") and found("es", "Avellana")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=service, restriction_type=PageViewRestriction.LOGIN
        )
    assert not any(
        (found("it", "Nocciola"), found("en", "Nocciola"), found("es", "Avellana"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert found("it", "Nocciola") and found("en", "Nocciola") and found("es", "Avellana")


def test_a_restricted_provider_hides_its_services_everywhere(tree, client):
    provider = tree["provider"]
    PageViewRestriction.objects.create(page=provider, restriction_type=PageViewRestriction.LOGIN)
    english_provider = Page.objects.get(
        translation_key=provider.translation_key, locale__language_code="en"
    )
    assert english_provider.view_restrictions.exists()
    english_service = Page.objects.get(
        translation_key=tree["service"].translation_key, locale__language_code="en"
    )
    assert client.get(f"/api/v2/pages/{english_service.pk}/", follow=True).status_code == 404
    response = client.get(english_service.url)
    assert response.status_code == 302 and "login" in response.url


def test_wagtail_localize_no_longer_aliases_a_page_when_it_is_created(tree, rf):
    from wagtail_localize import synctree

    assert synctree.after_create_page not in [fn for fn in hooks.get_hooks("after_create_page")]
    draft = factories.make_service(tree["provider"], "Bozza Castagna", publish=False)
    for fn in hooks.get_hooks("after_create_page"):
        fn(rf.get("/"), draft)
    assert Page.objects.filter(translation_key=draft.translation_key).count() == 1


def test_the_first_publish_aliases_the_page_and_its_waiting_children(tree):
    draft_parent = factories.make_service(tree["provider"], "Bozza Padre", publish=False)
    synchronise_language_trees()
    assert Page.objects.filter(translation_key=draft_parent.translation_key).count() == 1
    draft_parent.save_revision().publish()
    languages = set(
        Page.objects.filter(translation_key=draft_parent.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    assert languages == {"it", "en", "ar", "zh-hans", "es"}
    aliases = Page.objects.filter(alias_of=draft_parent)
    assert all(alias.live for alias in aliases)
    assert alias_on_publish(None, draft_parent) == []  # idempotent


def test_remove_draft_aliases_deletes_only_aliases_of_pages_never_published(tree):
    draft = factories.make_service(tree["provider"], "Bozza Vecchia", publish=False)
    english = Locale.objects.get(language_code="en")
    draft.copy_for_translation(english, alias=True)  # what the old hook did
    assert remove_draft_aliases() == 1
    assert not Page.objects.filter(alias_of=draft).exists()
    assert Page.objects.filter(alias_of=tree["service"]).exists()


def _document(collection, title="Modulo"):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"contenuto", name="modulo.txt")
    )


def test_a_provider_upload_is_private_until_a_published_page_links_it(tree, client):
    provider = tree["provider"]
    private = Collection.objects.get(name=provider.title)
    assert private.get_view_restrictions().exists()
    document = _document(private, "Carta dei servizi Nocciola")
    assert client.get(document.url).status_code in (302, 403)
    listed = [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert document.pk not in listed

    service = tree["service"]
    service.description = (
        f'<p>Leggi la <a linktype="document" id="{document.pk}">carta dei servizi</a>.</p>'
    )
    service.save_revision().publish()
    document.refresh_from_db()
    assert document.collection.name == f"{provider.title} (published)"
    assert document.collection in public_collections()
    response = client.get(document.url)
    assert response.status_code == 200
    listed = [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert document.pk in listed
    # The provider's staff still manage it, without uploading straight into public.
    staff = provider.staff_group
    codenames = set(
        staff.collection_permissions.filter(collection=document.collection).values_list(
            "permission__codename", flat=True
        )
    )
    assert "change_document" in codenames and "add_document" not in codenames


def test_secure_content_repairs_an_old_database(tree, client):
    service = tree["service"]
    english = Page.objects.get(translation_key=service.translation_key, locale__language_code="en")
    # An old database: a restriction on the Italian page only (written without signals), an
    # alias of a draft, a provider collection without privacy holding a linked document.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=service, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert not english.view_restrictions.exists()
    draft = factories.make_service(tree["provider"], "Bozza Antica", publish=False)
    draft.copy_for_translation(english.locale, alias=True)
    collection = Collection.objects.get(name=tree["provider"].title)
    collection.view_restrictions.all().delete()
    linked, unused = _document(collection, "Usato"), _document(collection, "Non usato")
    other = factories.make_service(tree["provider"], "Servizio Noce")
    other.description = f'<p><a linktype="document" id="{linked.pk}">modulo</a></p>'
    other.save()

    call_command("secure_content", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert english.view_restrictions.count() == 1
    assert not Page.objects.filter(alias_of=draft).exists()
    assert collection.get_view_restrictions().exists()
    linked.refresh_from_db()
    unused.refresh_from_db()
    assert linked.collection in public_collections()
    assert unused.collection == collection
    assert client.get(unused.url).status_code in (302, 403)


def test_a_restriction_purges_the_page_below_and_in_every_language_from_the_proxy(
    tree, django_capture_on_commit_callbacks
):
    from django.test import override_settings

    from tests.marketplace.test_public_cache import FRONTEND_CACHE, PURGED

    PURGED.clear()
    provider, service = tree["provider"], tree["service"]
    with override_settings(**FRONTEND_CACHE), django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=provider, restriction_type=PageViewRestriction.LOGIN
        )
    urls = {url.split("localhost", 1)[1] for url in PURGED}
    keys = [provider.translation_key, service.translation_key]
    for page in Page.objects.filter(translation_key__in=keys):
        assert page.url in urls, page.url


def test_translators_cannot_bulk_delete_a_page_that_is_not_live(tree, client):
    from django.urls import reverse

    from content.core.roles import TRANSLATORS_GROUP, setup_roles
    from tests.fulfilment.conftest import make_user

    editors = setup_roles()
    service = tree["service"]
    service.unpublish()
    alias = Page.objects.get(alias_of=service, locale__language_code="en")
    assert not alias.live
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    url += f"?id={alias.pk}"
    client.force_login(make_user(groups=[Group.objects.get(name=TRANSLATORS_GROUP)]))
    assert client.post(url).status_code in (302, 403)  # Wagtail's admin: back home, refused
    assert Page.objects.filter(pk=alias.pk).exists()
    client.force_login(make_user(groups=[editors]))
    assert client.post(url).status_code == 302
    assert not Page.objects.filter(pk=alias.pk).exists()
