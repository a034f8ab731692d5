"""Image files by media URL: who may fetch them and how they may be cached (decision 0010)."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from content.core.uploads import make_private

pytestmark = pytest.mark.django_db


@pytest.fixture
def images():
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    private_collection = root.add_child(name="Uploads Alfa")
    make_private(private_collection)
    Image = get_image_model()
    return {
        "private": Image.objects.create(
            title="Privata", collection=private_collection, file=get_test_image_file("priv.png")
        ),
        "public": Image.objects.create(
            title="Pubblica", collection=root, file=get_test_image_file("pub.png")
        ),
    }


def test_public_files_are_cacheable_private_ones_refused_to_strangers(client, images):
    public = client.get(images["public"].file.url)
    assert public.status_code == 200
    assert "public" in public["Cache-Control"] and public["Content-Type"] == "image/png"
    rendition = images["private"].get_rendition("fill-40x40")
    for url in (images["private"].file.url, rendition.url):
        assert client.get(url).status_code == 404  # not 403: says nothing of its existence


def test_a_superuser_gets_a_private_file_that_no_cache_keeps(client, images, django_user_model):
    admin = django_user_model.objects.create_superuser(email="capo@wemi.example", password="x")
    client.force_login(admin)
    response = client.get(images["private"].file.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/nessuna.png",
        "/media/images/nessuna.fill-40x40.png",
        "/media/original_images/..%2Fsettings.py",
        "/media/original_images/%2E%2E",
    ],
)
def test_files_no_image_owns_are_not_found(client, images, path):
    assert client.get(path).status_code == 404
