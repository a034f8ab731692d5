"""The "Milano 0-18" catalogue: activities for minors, and the ages a service is for.

Plain functions over the service page's facts (read from the Italian source page, so every
translation answers the same). The ages are whole years, both bounds included; an empty
bound is open (no lower bound means "from birth", no upper bound "no age limit").
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Oldest age a person can be: the bound on any service's age range.
MAX_AGE = 120
# The 0-18 catalogue is for minors: a child is in it until the 18th birthday, and the
# Comune's bandi state the ranges as "0-18" (an activity "14-18" is for 14 to 17 year olds
# and those who turn 18 during it), so 18 is the highest bound an activity may state.
MINORS_MAX_AGE = 18


class ActivityKind(models.TextChoices):
    """Kinds of "activities for minors" of the Comune's 0-18 catalogue."""

    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Culture")
    RECREATION = "recreation", _("Recreation")
    SOCIAL = "social", _("Social activities")
    STUDY_SUPPORT = "study-support", _("Study support")


def age_range_errors(age_from, age_to, activity_kind=""):
    """``{field: message}`` of what is wrong with a service's ages (empty when they are fine).

    Any service may state ages within 0..MAX_AGE with from <= to (adult services too: "65
    and over"). An activity of the 0-18 catalogue (``activity_kind`` set) must state both
    bounds, within 0..MINORS_MAX_AGE.
    """
    errors = {}
    for name, value in (("age_from", age_from), ("age_to", age_to)):
        if value is not None and not 0 <= value <= MAX_AGE:
            errors[name] = _("An age is between 0 and %(max)s years.") % {"max": MAX_AGE}
    if errors:
        return errors
    if age_from is not None and age_to is not None and age_from > age_to:
        errors["age_to"] = _("The highest age cannot be lower than the lowest age.")
    if activity_kind:
        if age_from is None:
            errors["age_from"] = _("An activity for minors states the ages it is for.")
        if age_to is None:
            errors["age_to"] = _("An activity for minors states the ages it is for.")
        elif age_to > MINORS_MAX_AGE:
            errors["age_to"] = _(
                "An activity for minors is for ages up to %(max)s years."
            ) % {"max": MINORS_MAX_AGE}
    return errors


def validate_age_range(age_from, age_to, activity_kind=""):
    errors = age_range_errors(age_from, age_to, activity_kind)
    if errors:
        raise ValidationError(errors)


def _facts(page):
    return getattr(page, "facts_source", page)


def in_catalogue_0_18(page) -> bool:
    """Whether a service is in the "Milano 0-18" catalogue: an active activity for minors
    (it has an activity kind) whose ages include at least one minor's age."""
    facts = _facts(page)
    if not facts.activity_kind or not facts.is_active:
        return False
    lowest = facts.age_from if facts.age_from is not None else 0
    return lowest < MINORS_MAX_AGE


def age_matches(page, age: int) -> bool:
    """Whether a person of ``age`` (whole years) is within the service's ages: ``age_from
    <= age <= age_to``, an empty bound being open."""
    if age < 0:
        return False
    facts = _facts(page)
    if facts.age_from is not None and age < facts.age_from:
        return False
    if facts.age_to is not None and age > facts.age_to:
        return False
    return True
