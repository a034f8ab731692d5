"""Wagtail's API v2, read-only: published public pages (with service facts), images and
documents of public collections.

Wagtail's viewsets answer 500 to some malformed parameters (``find/?id=abc``: the id goes
straight into a lookup; ``?search=a&search_operator=xx``: the search backend raises
``ValueError``). ``CheckedParametersMixin`` refuses them with 400 and Wagtail's error body.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from content.core.uploads import public_collections

SEARCH_OPERATORS = ("and", "or")


class CheckedParametersMixin:
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator.lower() not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def find_object(self, queryset, request):
        raw_id = request.GET.get("id")
        if raw_id is not None and not (raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 19):
            raise BadRequestError("id must be a positive integer")  # below 2**63: the database's
        return super().find_object(queryset, request)


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        """Public pages only, whoever asks: Wagtail lets through the restricted pages whose
        restriction the request passes (a logged-in visitor's session), and the API is a
        public, cacheable listing (decision 0010)."""
        return super().get_base_queryset().public()


class PublicCollectionsMixin:
    """Only documents and images of public collections: uploads stay private until a published
    page uses them (``content.core.uploads``)."""

    def get_queryset(self):
        return super().get_queryset().filter(collection__in=public_collections())


class CheckedImagesAPIViewSet(CheckedParametersMixin, PublicCollectionsMixin, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(
    CheckedParametersMixin, PublicCollectionsMixin, DocumentsAPIViewSet
):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
