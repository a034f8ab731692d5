"""The access log in Django's admin: read only, never changed or deleted."""

from django.contrib import admin

from .models import DataAccess


@admin.register(DataAccess)
class DataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "subject", "action", "purpose", "object_type", "object_id"]
    list_filter = ["action", "purpose"]
    search_fields = ["actor__email", "subject__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
