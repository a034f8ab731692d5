"""The Comune's export of the access log (Wagtail admin, permission ``export_dataaccess``)."""

from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from content.core.spreadsheets import csv_writer

from .models import DataAccess

EXPORT_PERMISSION = "marketplace_privacy.export_dataaccess"


class Echo:
    def write(self, value):
        return value


def csv_rows(rows):
    """The header (in the reader's language) and one row per access, oldest first."""
    yield [
        _("When"),
        _("Who"),
        _("Whose data"),
        _("What"),
        _("Why"),
        _("Object type"),
        _("Object"),
        _("Authorisation"),
        _("Spazio WeMi"),
        _("Request"),
    ]
    actions = dict(DataAccess.Action.choices)
    for row in rows.iterator(chunk_size=1000):
        yield [
            timezone.localtime(row.at).isoformat(timespec="seconds"),
            row.actor.email,
            row.subject.email,
            str(actions.get(row.action, row.action)),
            row.purpose,
            row.object_type,
            row.object_id,
            row.delegation_id or "",
            row.space_key or "",
            row.request_id,
        ]


def export_access_log(request):
    """Every access-log row as CSV (``?since=YYYY-MM-DD`` to start from a day)."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    rows = DataAccess.objects.select_related("actor", "subject").order_by("at", "id")
    since = request.GET.get("since", "")
    if since:
        try:
            day = timezone.datetime.fromisoformat(since).date()
        except ValueError:
            from django.http import HttpResponseBadRequest

            return HttpResponseBadRequest(_("The date must be written YYYY-MM-DD."))
        rows = rows.filter(at__date__gte=day)
    writer = csv_writer(Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in csv_rows(rows)), content_type="text/csv; charset=utf-8"
    )
    filename = f"wemi-access-log-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
