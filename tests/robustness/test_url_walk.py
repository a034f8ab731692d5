"""Every routed URL, GET as each role (anonymous, citizen, provider staff, editor,
superuser), answers something other than a 5xx (issue 11, "Done when").

URLs come from resolving every pattern of the URLconf (``django.utils.regex_helper.normalize``,
what ``reverse`` uses), with parameters filled from demo-like objects made by the factories:
the citizen's placed order and its line, the service page, its provider, a taxonomy row,
a document, an image.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize

from .conftest import login

pytestmark = pytest.mark.django_db

# URLs whose GET has side effects a walk must not trigger, or that stream forever.
SKIPPED = (
    re.compile(r"^(it|en|ar|zh-hans|es)/shop/accounts/logout/$"),
    re.compile(r"^cms/logout/$"),
    re.compile(r"^django-admin/logout/$"),
)


def url_templates():
    """``[(format string, parameter names)]`` of every routed URL (language: the active one)."""

    def walk(patterns, prefix="", params=()):
        for pattern in patterns:
            for fmt, names in normalize(pattern.pattern.regex.pattern):
                if isinstance(pattern, URLResolver):
                    yield from walk(pattern.url_patterns, prefix + fmt, params + tuple(names))
                else:
                    yield prefix + fmt, params + tuple(names)

    return sorted(set(walk(get_resolver().url_patterns)))


@pytest.fixture
def walk_values(placed_order, service, taxonomy_rows):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    document = Document.objects.create(title="Carta dei servizi")
    document.file.save("carta.txt", ContentFile(b"Carta dei servizi"))
    image = Image.objects.create(title="Logo", file=get_test_image_file())
    line = placed_order.lines.get()
    provider = service.get_parent()
    need = service.facts_source.needs.first() if hasattr(service, "facts_source") else None
    return {
        "service_key": str(service.translation_key),
        "order_number": placed_order.number,
        "number": placed_order.number,
        "line_id": line.pk,
        "page_id": service.pk,
        "parent_page_id": provider.pk,
        "page_pk": service.pk,
        "page_to_move_id": service.pk,
        "destination_id": provider.pk,
        "document_id": document.pk,
        "doc_id": document.pk,
        "image_id": image.pk,
        "app_label": "content_taxonomy",
        "model_name": "need",
        "app_name": "content_feedback",
        "content_type_app_name": "content_services",
        "content_type_model_name": "servicepage",
        "product_pk": line.product_id,
        "partner_pk": line.partner_id,
        "pk": need.pk if need else 1,
        "object_id": 1,
        "_0": document.pk,
        "_1": "carta.txt",
        "filter_spec": "fill-100x100",
        "slug": "assistenza",
        "product_slug": "assistenza",
        "category_slug": "assistenza",
        "key": "not-a-key",
        "uidb64": "MQ",
        "token": "not-a-token",
        "url": "x",
        "mode": "x",
        "action": "x",
        "action_name": "x",
    }


def fill(template, names, values):
    return "/" + template % {name: values.get(name, 1) for name in names}


def walk(client, values):
    """``[(url, status)]`` of every 5xx answered to this client."""
    failures = []
    for template, names in url_templates():
        if any(pattern.match(template) for pattern in SKIPPED):
            continue
        url = fill(template, names, values)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
    return failures


@pytest.mark.parametrize("role", ["anonymous", "citizen", "provider_staff", "editor", "superuser"])
def test_every_routed_url_answers_without_a_server_error(request, walk_values, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    failures = walk(login(user), walk_values)
    assert not failures, failures
