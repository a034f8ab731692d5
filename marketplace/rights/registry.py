"""The registry of personal data: each app says what it holds about a person, and how to
erase it.

An app with personal data registers one *section* from its ``AppConfig.ready()``::

    from marketplace.rights.registry import register, model_record

    def appointment_data(user):
        return [model_record(a, ["starts_at", "service", "status"])
                for a in Appointment.objects.filter(citizen=user)]

    def erase_appointments(user, now):
        Appointment.objects.filter(citizen=user).delete()

    register(
        "appointments",
        title=_("Appointments"),
        collect=appointment_data,
        erase=erase_appointments,
        covers=["spaces_appointments.Appointment.citizen"],
    )

``collect(user)`` (None for a section that only erases) returns a list of records (each a
list of :class:`Field`), shown in the JSON and PDF downloads in this order of sections.
``erase(user, now)`` runs inside the deletion's transaction, after open orders are
cancelled and before the account itself is anonymised; it must leave nothing that
identifies the person (delete the rows, or empty their personal fields).
``covers`` names every relation to the user model the section reads, as
``"app_label.Model.field"``: ``tests/rights/test_registry.py`` walks every model and fails
when a relation to the user is neither covered by a section nor listed by :func:`exclude`
with the reason it holds no data of the citizen to give or erase.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils import formats


@dataclass(frozen=True)
class Field:
    """One value in a record: ``key`` (stable, for the JSON), ``label`` (translated, for
    people) and ``value`` (str, int, bool, Decimal, date, datetime or None)."""

    key: str
    label: str
    value: object


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    records: list


@dataclass(frozen=True)
class Contributor:
    key: str
    title: object
    collect: object
    erase: object = None
    covers: tuple = field(default=())
    order: int = 100


_contributors: dict[str, Contributor] = {}
_excluded: dict[str, str] = {}


def register(key, *, title, collect, erase=None, covers=(), order=100):
    """Add (or replace) the section ``key``. Returns the :class:`Contributor`.

    Raises ValueError when a relation in ``covers`` is not written ``app_label.Model.field``.
    """
    for relation in covers:
        if relation.count(".") != 2:
            raise ValueError(f"Section {key!r}: write {relation!r} as app_label.Model.field.")
    contributor = Contributor(key, title, collect, erase, tuple(covers), order)
    _contributors[key] = contributor
    return contributor


def exclude(relation, reason):
    """Declare that the relation ``app_label.Model.field`` to the user holds no personal data
    of the citizen to give or erase, and why (``reason``, for the reviewers)."""
    if not reason:
        raise ValueError(f"Say why {relation!r} is left out.")
    _excluded[relation] = reason


def contributors():
    """The registered sections, in display order."""
    return sorted(_contributors.values(), key=lambda c: (c.order, c.key))


def covered_relations():
    return {relation for c in _contributors.values() for relation in c.covers}


def excluded_relations():
    return dict(_excluded)


def collect(user):
    """Every section's data about ``user``, as a list of :class:`Section` (empty sections
    included: the citizen sees that WeMi holds nothing of that kind)."""
    return [
        Section(c.key, str(c.title), list(c.collect(user)))
        for c in contributors()
        if c.collect is not None
    ]


def erase(user, now):
    """Runs every section's ``erase(user, now)``, in display order."""
    for contributor in contributors():
        if contributor.erase is not None:
            contributor.erase(user, now)


def user_relations():
    """Every concrete relation from a model to the user model, as ``app_label.Model.field``,
    counted once on the model that declares it (not on multi-table children)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for model_field in model._meta.get_fields(include_parents=False):
            if (
                model_field.is_relation
                and model_field.concrete
                and model_field.related_model is user_model
                and model_field.model is model
            ):
                found.add(f"{model._meta.label}.{model_field.name}")
    return found


def display_value(model_field, instance):
    """The value of ``model_field`` on ``instance`` for a record: the label of a choice,
    ``str`` of a related object, the raw value otherwise."""
    if model_field.choices:
        return getattr(instance, f"get_{model_field.name}_display")()
    if isinstance(model_field, models.ForeignKey):
        related = getattr(instance, model_field.name)
        return None if related is None else str(related)
    return getattr(instance, model_field.attname)


def model_record(instance, names):
    """A record of ``instance``'s fields ``names``, labelled with their verbose names."""
    opts = instance._meta
    record = []
    for name in names:
        model_field = opts.get_field(name)
        record.append(
            Field(name, str(model_field.verbose_name), display_value(model_field, instance))
        )
    return record


def as_text(value):
    """``value`` as people read it, in the active language (dates, amounts, yes/no)."""
    from django.utils.translation import gettext as _

    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return formats.localize(value, use_l10n=True)
