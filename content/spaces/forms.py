"""Choosing a Spazio WeMi in the admin by its title, while the models store its key.

Rows that belong to a Spazio (an operator's assignment, appointment hours, activities,
closure days) keep the page's ``translation_key`` (a UUID, the same in every language;
decision 0020). An editor should never type it: ``SpaceSelect`` offers the live Italian
Spazi by title and posts the key.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def space_choices():
    """``[(translation_key, title)]`` of every Spazio (Italian pages, the source of their
    facts), live ones first by title; a blank choice first."""
    from content.spaces.models import SpacePage

    pages = (
        SpacePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-live", "title")
        .values_list("translation_key", "title", "live")
    )
    return [("", _("Choose a Spazio WeMi"))] + [
        (str(key), title if live else _("%(title)s (not published)") % {"title": title})
        for key, title, live in pages
    ]


class SpaceSelect(forms.Select):
    """A select of the Spazi by title whose value is the Spazio's ``translation_key``. The
    choices are read when the field is rendered, so a Spazio published later is there."""

    def get_context(self, name, value, attrs):
        self.choices = space_choices()
        if value is not None and not isinstance(value, str):
            value = str(value)
        return super().get_context(name, value, attrs)

    def format_value(self, value):
        if value is None:
            return []
        return [str(value)]


def known_space_key(value):
    """Validator of a ``space_key`` typed or posted in a form: it must name a Spazio."""
    from django.core.exceptions import ValidationError

    from content.spaces.models import SpacePage

    if not SpacePage.objects.filter(translation_key=value).exists():
        raise ValidationError(_("Choose a Spazio WeMi from the list."), code="unknown_space")
