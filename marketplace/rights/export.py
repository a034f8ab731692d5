"""The citizen's copy of their data (GDPR art. 15 and 20): JSON for machines, PDF for people.

Both are built from the same sections (``registry.collect``), in the language of the page
the citizen downloads them from.
"""

import datetime
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from marketplace.documents.receipts import font_configuration

from . import registry, rules

FORMAT = "wemi-personal-data/1"


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)  # amounts exactly as stored (EUR, two decimals)
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


def document(user, now=None):
    """The export as a dict: ``format``, ``generated_at``, ``language``, ``account``,
    ``retention_years`` and ``sections`` (each ``key``, ``title``, ``labels`` field key ->
    label, and ``records``, a list of field key -> value)."""
    now = now or timezone.now()
    sections = []
    for section in registry.collect(user):
        labels = {}
        records = []
        for record in section.records:
            row = {}
            for field in record:
                labels.setdefault(field.key, field.label)
                row[field.key] = field.value
            records.append(row)
        sections.append(
            {"key": section.key, "title": section.title, "labels": labels, "records": records}
        )
    return {
        "format": FORMAT,
        "generated_at": now,
        "language": translation.get_language(),
        "account": user.email,
        "retention_years": rules.ORDER_RETENTION_YEARS,
        "sections": sections,
    }


def as_json(user, now=None):
    """The export as UTF-8 JSON bytes (indented, non-ASCII kept as is)."""
    return json.dumps(document(user, now), cls=_Encoder, ensure_ascii=False, indent=2).encode()


def export_html(user, now=None):
    now = now or timezone.now()
    sections = [
        {
            "key": section.key,
            "title": section.title,
            "records": [
                [(field.label, registry.as_text(_local(field.value))) for field in record]
                for record in section.records
            ],
        }
        for section in registry.collect(user)
    ]
    return render_to_string(
        "marketplace_rights/export.html",
        {"account": user, "sections": sections, "generated_at": now},
    )


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def as_pdf(user, now=None):
    """The export as PDF bytes (WeasyPrint, the receipts' fonts: Arabic and Chinese)."""
    return HTML(string=export_html(user, now)).write_pdf(font_config=font_configuration())
