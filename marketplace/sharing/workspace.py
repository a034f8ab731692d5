"""A confirmed sharing group in the provider's orders workspace: one row for the group.

The members' lines stay separate Oscar lines (each household has its own order, price and
ISEE share, and the CSV export lists every one of them), but the workspace lists a group
once, on its first line, linking to the group's page where the provider accepts, declines,
schedules and delivers the whole group (or opens a single household's line).
"""

from django.db.models import OuterRef, Q, Subquery, Sum
from oscar.core.loading import get_model


def one_row_per_group(lines):
    """``lines`` (a queryset of order lines) keeping, of each sharing group, its first line."""
    Line = get_model("order", "Line")
    first_of_group = (
        Line.objects.filter(sharing_membership__group=OuterRef("sharing_membership__group"))
        .order_by("pk")
        .values("pk")[:1]
    )
    return lines.filter(
        Q(sharing_membership__isnull=True) | Q(pk=Subquery(first_of_group))
    ).select_related("sharing_membership__group")


def mark_group_rows(lines):
    """Sets ``line.sharing_group`` on the rows that stand for a whole group, and
    ``line.group_total`` (Decimal, EUR incl. tax): what the group's households pay in all, so
    that the row does not show its first household's price as the group's (one query)."""
    Line = get_model("order", "Line")
    for line in lines:
        membership = getattr(line, "sharing_membership", None)
        line.sharing_group = membership.group if membership is not None else None
    groups = {line.sharing_group.pk for line in lines if line.sharing_group is not None}
    totals = dict(
        Line.objects.filter(sharing_membership__group__in=groups)
        .values_list("sharing_membership__group")
        .annotate(total=Sum("line_price_incl_tax"))
        .values_list("sharing_membership__group", "total")
    ) if groups else {}
    for line in lines:
        if line.sharing_group is not None:
            line.group_total = totals.get(line.sharing_group.pk)
    return lines
