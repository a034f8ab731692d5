"""The service page's admin form: needs and zones as checkboxes grouped by their parent."""

from django.utils.translation import gettext as _

from content.core.forms import ComuneFactsPageForm


def grouped_choices(queryset, group_of, label_of_parent=None):
    """``[(group label, [(pk, label), ...]), ...]`` for a CheckboxSelectMultiple.

    ``group_of(row)`` is the row the choice belongs under (its parent, or itself for a
    parent). Groups keep the queryset's order of their parents; a parent is offered first in
    its own group, labelled ``label_of_parent(row)``.
    """
    rows = list(queryset)
    groups = {}
    for row in rows:
        parent = group_of(row)
        if parent is None:
            continue
        groups.setdefault(parent.pk, (parent, []))
    for row in rows:
        parent = group_of(row)
        if parent is None or parent.pk not in groups:
            continue
        label = label_of_parent(row) if row.pk == parent.pk and label_of_parent else row.name
        if row.pk == parent.pk and label_of_parent is None:
            continue  # a category is not a need one can pick
        groups[parent.pk][1].append((row.pk, label))
    return [(parent.name, choices) for parent, choices in groups.values() if choices]


class ServicePageForm(ComuneFactsPageForm):
    """Needs grouped by category; zones grouped by Municipio (the Municipio first, then its
    quartieri by name) instead of two long multi-select boxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needs = self.fields.get("needs")
        if needs is not None:
            queryset = needs.queryset.select_related("parent").order_by(
                "parent__sort_order", "parent__name", "sort_order", "name"
            )
            needs.choices = grouped_choices(queryset, lambda need: need.parent)
        zones = self.fields.get("zones")
        if zones is not None:
            queryset = zones.queryset.select_related("parent").order_by(
                "parent__number", "number", "parent__name", "name"
            )
            rows = list(queryset)
            municipi = sorted(
                (zone for zone in rows if zone.parent_id is None),
                key=lambda zone: (zone.number is None, zone.number or 0, zone.name),
            )
            order = {zone.pk: position for position, zone in enumerate(municipi)}
            rows.sort(
                key=lambda zone: (
                    order.get(zone.parent_id if zone.parent_id else zone.pk, len(order)),
                    zone.parent_id is not None,
                    zone.name,
                )
            )
            zones.choices = grouped_choices(
                rows,
                lambda zone: zone.parent if zone.parent_id else zone,
                lambda municipio: _("%(municipio)s (all of it)") % {"municipio": municipio.name},
            )
