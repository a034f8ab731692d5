"""Wagtail API v2: published pages with the service facts, images, documents; read-only."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file

from content import factories

pytestmark = pytest.mark.django_db


def test_pages_endpoint_lists_published_pages_only(client, service, provider, taxonomy):
    draft = factories.make_service(provider, "Servizio in bozza", needs=taxonomy["needs"],
                                   audiences=taxonomy["audiences"], publish=False)
    response = client.get("/api/v2/pages/")
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 4  # home, index, provider, service
    services = client.get("/api/v2/pages/", {"type": "content_services.ServicePage"}).json()
    titles = [item["title"] for item in services["items"]]
    assert titles == [service.title]
    providers = client.get("/api/v2/pages/", {"type": "content_providers.ProviderPage"}).json()
    assert [item["title"] for item in providers["items"]] == [provider.title]
    # (LocaleMiddleware redirects the API's 404 into /it/, where it is still a 404.)
    detail = client.get(f"/api/v2/pages/{draft.pk}/", follow=True)
    assert detail.status_code == 404
    assert draft.title not in detail.content.decode()


def test_services_by_type_with_facts(client, service, taxonomy):
    response = client.get(
        "/api/v2/pages/", {"type": "content_services.ServicePage", "fields": "facts,summary"}
    )
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["summary"] == service.summary
    facts = item["facts"]
    assert facts["needs"] == [taxonomy["needs"][0].slug]
    assert facts["zones"] == ["municipio-3"]
    assert facts["audiences"] == [taxonomy["audiences"][0].slug]
    assert sorted(facts["languages"]) == ["es", "it"]
    assert facts["delivery_modes"] == ["home"]
    assert facts["accredited"] is True and facts["sharable"] is False


def test_pages_filter_by_locale(client, service):
    italian = client.get("/api/v2/pages/", {"locale": "it", "type": "content_services.ServicePage"})
    assert [item["id"] for item in italian.json()["items"]] == [service.pk]
    english = client.get("/api/v2/pages/", {"locale": "en", "type": "content_services.ServicePage"})
    assert english.status_code == 200
    assert all(item["meta"]["locale"] == "en" for item in english.json()["items"])
    assert service.pk not in [item["id"] for item in english.json()["items"]]


def test_images_and_documents_endpoints(client, home_page):
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(title="Spazio WeMi, ingresso",
                                             file=get_test_image_file())
    document = get_document_model().objects.create(
        title="Modulo di delega", file=ContentFile(b"%PDF-1.4 delega", name="delega.pdf")
    )
    images = client.get("/api/v2/images/").json()["items"]
    assert [item["title"] for item in images] == [image.title]
    documents = client.get("/api/v2/documents/").json()["items"]
    assert [item["title"] for item in documents] == [document.title]


def test_api_is_read_only(client, service, editor):
    client.force_login(editor)
    for url in ("/api/v2/pages/", f"/api/v2/pages/{service.pk}/", "/api/v2/images/"):
        for method in (client.post, client.put, client.patch, client.delete):
            response = method(url, data={"title": "x"}, content_type="application/json")
            assert response.status_code in (403, 404, 405), (method, url)
    assert client.get(f"/api/v2/pages/{service.pk}/").json()["title"] == service.title
