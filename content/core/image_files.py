"""Image files of private collections are served only to those the collection admits.

Wagtail writes an image's original under ``original_images/`` and its renditions under
``images/`` in the media storage, and links them by their storage URL: on disk, whatever
serves ``MEDIA_URL`` hands them to anyone. WeMi serves those two folders through
:func:`serve_image_file` instead (decision 0010), which finds the image the file belongs to
and applies its collection's view restrictions (the same ``CollectionViewRestriction`` that
guards documents, :mod:`content.core.uploads`):

- an image of a public collection: the file, cacheable by the proxy and browsers;
- an image of a private collection (a provider's uploads until a published page uses them):
  the file, ``Cache-Control: private``, to whoever passes every restriction on the collection
  and its ancestors (the Comune editors, the provider's staff, superusers); **404** to anyone
  else, so that the answer says nothing about whether the file exists;
- a path that is no image's file: 404.

Media on object storage (``DJANGO_MEDIA_BUCKET``) is linked at the bucket and never reaches
this view: keep that bucket private and turn on ``DJANGO_MEDIA_QUERYSTRING_AUTH`` there.
"""

import mimetypes
import posixpath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from wagtail.images import get_image_model

ORIGINALS = "original_images"
RENDITIONS = "images"
PUBLIC_MAX_AGE = 60 * 60 * 24  # seconds: files keep their name while the image keeps its file


def _image_for(folder, name):
    """The image whose original (``folder == ORIGINALS``) or rendition (``RENDITIONS``) is
    stored as ``folder/name``, with its collection; ``None`` if there is none."""
    Image = get_image_model()
    stored = f"{folder}/{name}"
    if folder == ORIGINALS:
        return Image.objects.select_related("collection").filter(file=stored).first()
    rendition = (
        Image.get_rendition_model()
        .objects.select_related("image__collection")
        .filter(file=stored)
        .first()
    )
    return rendition.image if rendition else None


def may_see(request, restrictions):
    """Whether this request passes every one of ``restrictions`` (collection view
    restrictions: those on the image's collection and its ancestors)."""
    return all(restriction.accept_request(request) for restriction in restrictions)


def serve_image_file(request, folder, name):
    """``GET MEDIA_URL/<folder>/<name>`` for ``folder`` in (``original_images``, ``images``).

    Raises ``Http404`` for a path outside the folder, a file that no image owns, or an image
    this request may not see."""
    name = posixpath.normpath(name)
    if folder not in (ORIGINALS, RENDITIONS) or name.startswith(("..", "/")) or "/" in name:
        raise Http404
    image = _image_for(folder, name)
    if image is None:
        raise Http404
    restrictions = list(image.collection.get_view_restrictions())
    if not may_see(request, restrictions):
        raise Http404
    stored = f"{folder}/{name}"
    if not default_storage.exists(stored):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(stored, "rb"), content_type=content_type)
    if restrictions:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    response["X-Content-Type-Options"] = "nosniff"
    return response
