"""Comune operators verify or reject organisations in /cms/ (filters: state, kind), and see
the orders billed to organisations. Opening an organisation shows who registered it, so it
writes one access-log row for that person."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from marketplace.privacy.access import record_access
from marketplace.privacy.models import DataAccess

from .models import Organisation, OrganisationOrder


class ReviewForm(forms.ModelForm):
    """The operator sets the state; who reviewed and when are recorded on save."""

    def clean(self):
        data = super().clean()
        if data.get("status") == Organisation.Status.REJECTED and not data.get(
            "rejection_reason"
        ):
            self.add_error("rejection_reason", _("Say why the organisation is rejected."))
        return data


class OrganisationEditView(EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record_access(
            request, self.object.created_by, DataAccess.Action.VIEW_PROFILE, self.object,
            purpose="comune",
        )
        return response

    def save_instance(self):
        instance = self.form.save(commit=False)
        if "status" in self.form.changed_data:
            instance.review(self.request.user, instance.status, instance.rejection_reason)
        instance.save()
        return instance


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    edit_view_class = OrganisationEditView
    name = "organisations"
    icon = "group"
    menu_label = _("Organisations")
    add_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name", read_only=True),
            FieldPanel("kind", read_only=True),
            FieldPanel("tax_code", read_only=True),
            FieldPanel("sdi_code", read_only=True),
            FieldPanel("address", read_only=True),
            FieldPanel("created_by", read_only=True),
            FieldPanel("status"),
            FieldPanel("rejection_reason"),
            FieldPanel("reviewed_by", read_only=True),
            FieldPanel("reviewed_at", read_only=True),
        ],
        base_form_class=ReviewForm,
    )
    list_display = ["name", "kind", "tax_code", "status", "created_at", "reviewed_at"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["name", "tax_code"]
    ordering = ["status", "name"]


class OrganisationOrderViewSet(ModelViewSet):
    model = OrganisationOrder
    name = "organisation_orders"
    icon = "list-ul"
    menu_label = _("Orders billed to organisations")
    add_view_enabled = False
    edit_view_enabled = False
    inspect_view_enabled = True
    exclude_form_fields = []
    list_display = ["order", "name", "tax_code", "households", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "tax_code", "order__number"]


class OrganisationViewSetGroup(ViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    items = (OrganisationViewSet, OrganisationOrderViewSet)


@hooks.register("register_admin_viewset")
def register_organisations():
    return OrganisationViewSetGroup()
