"""Comune staff edit the ISEE bands and check the citizens' declarations in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.privacy.access import record_access, record_accesses
from marketplace.privacy.models import DataAccess

from .forms import IseeDeclarationAdminForm
from .models import IseeBand, IseeDeclaration, IseeVerification


class IseeBandViewSet(ModelViewSet):
    model = IseeBand
    name = "isee_bands"
    icon = "table"
    menu_label = _("ISEE bands")
    form_fields = ["upper_bound", "share_percent", "valid_from", "valid_until"]
    list_display = ["__str__", "valid_from", "valid_until"]
    list_filter = ["valid_from"]


class IseeDeclarationEditView(EditView):
    """Wagtail's edit view; opening a citizen's declaration writes one access-log row."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(
            request,
            self.object.user,
            DataAccess.Action.VIEW_ISEE,
            self.object,
            purpose="isee_check",
        )
        return response


class IseeDeclarationIndexView(IndexView):
    """Wagtail's listing (and its spreadsheet export): one access-log row per citizen whose
    declaration it shows."""

    def render_to_response(self, context, **response_kwargs):
        declarations = list(context["object_list"])
        record_accesses(
            self.request,
            [declaration.user for declaration in declarations],
            DataAccess.Action.VIEW_ISEE,
            purpose="isee_check",
            object_ref=("url", "isee_declarations:index"),
        )
        return super().render_to_response(context, **response_kwargs)


class IseeDeclarationViewSet(ModelViewSet):
    model = IseeDeclaration
    index_view_class = IseeDeclarationIndexView
    edit_view_class = IseeDeclarationEditView
    name = "isee_declarations"
    icon = "user"
    menu_label = _("ISEE declarations")
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("value"),
            FieldPanel("dsu_protocol"),
            FieldPanel("expires_on"),
            FieldPanel("verified"),
        ],
        base_form_class=IseeDeclarationAdminForm,
    )
    list_display = ["user", "value", "dsu_protocol", "expires_on", "verified_at", "verified_by"]
    list_filter = ["expires_on", "verified_at"]
    search_fields = ["user__email", "dsu_protocol"]


class IseeVerificationViewSet(ModelViewSet):
    """Who verified which values and when: read only (rows are added by verifying)."""

    model = IseeVerification
    name = "isee_verifications"
    icon = "history"
    menu_label = _("ISEE verifications")
    exclude_form_fields = []
    list_display = ["citizen", "value", "dsu_protocol", "expires_on", "verified_by", "verified_at"]
    list_filter = ["verified_at"]
    search_fields = ["citizen__email", "dsu_protocol"]


class PricingViewSetGroup(ViewSetGroup):
    menu_label = _("ISEE pricing")
    menu_icon = "tasks"
    items = (IseeBandViewSet, IseeDeclarationViewSet, IseeVerificationViewSet)


@hooks.register("register_admin_viewset")
def register_pricing_viewsets():
    return PricingViewSetGroup()
