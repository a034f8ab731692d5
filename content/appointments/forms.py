"""The forms of the booking steps (citizen) and of the operator's desk."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from content.taxonomy.models import Zone, localized

from .models import Channel, DeskService, Slot, Visit


def italian_services():
    return DeskService.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


def service_choices():
    """(pk of the Italian row, name in the active language)."""
    services = list(italian_services())
    return [(s.pk, t.name) for s, t in zip(services, localized(services), strict=True)]


def free_slots(space_key, now=None):
    now = now or timezone.now()
    return Slot.objects.filter(space_key=space_key, starts_at__gt=now).filter(
        booked__lt=F("capacity")
    )


def local(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def slot_label(slot):
    start = local(slot.starts_at)
    return formats.time_format(start, "H:i") + "–" + formats.time_format(local(slot.ends_at), "H:i")


class SlotStepForm(forms.Form):
    """Step 2, date and time: a day among those with free slots, then a free slot that day."""

    day = forms.DateField(label=_("Day"), widget=forms.Select)
    slot = forms.TypedChoiceField(
        label=_("Time"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a time.")},
    )

    def __init__(self, *args, space_key, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = list(free_slots(space_key, now).order_by("starts_at"))
        days = []
        for slot in self.slots:
            day = local(slot.starts_at).date()
            if day not in days:
                days.append(day)
        self.days = days
        self.fields["day"].widget.choices = [
            (day.isoformat(), formats.date_format(day, "l j F Y")) for day in days
        ]
        chosen = self.data.get(self.add_prefix("day")) if self.is_bound else None
        try:
            chosen_day = forms.DateField().clean(chosen) if chosen else None
        except forms.ValidationError:
            chosen_day = None
        self.chosen_day = chosen_day if chosen_day in days else (days[0] if days else None)
        self.fields["slot"].choices = [
            (slot.pk, slot_label(slot))
            for slot in self.slots
            if local(slot.starts_at).date() == self.chosen_day
        ]
        self.fields["slot"].error_messages["invalid_choice"] = _(
            "That time is no longer free: choose another one."
        )

    def chosen_slot(self):
        pk = self.cleaned_data["slot"]
        return next(slot for slot in self.slots if slot.pk == pk)


class DetailsStepForm(forms.Form):
    """Step 3, details: the topic and, if the citizen wishes, a few words on the reason."""

    desk_service = forms.TypedChoiceField(
        label=_("Topic"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a topic.")},
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words help the operator prepare. Do not write health data."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk_service"].choices = service_choices()


class ContactsStepForm(forms.Form):
    """Step 4, applicant: who comes and how to reach them (prefilled from the account)."""

    contact_name = forms.CharField(label=_("Name and surname"), max_length=150)
    contact_email = forms.EmailField(label=_("Email"))
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)


class DeskBookingForm(forms.Form):
    """The operator books for a person at the desk or on the phone."""

    slot = forms.TypedChoiceField(label=_("Day and time"), coerce=int)
    desk_service = forms.TypedChoiceField(label=_("Topic"), coerce=int)
    contact_name = forms.CharField(label=_("Name and surname"), max_length=150)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("Email"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(Channel.DESK, Channel.DESK.label), (Channel.PHONE, Channel.PHONE.label)],
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    def __init__(self, *args, space_key, **kwargs):
        super().__init__(*args, **kwargs)
        slots = free_slots(space_key).order_by("starts_at")[:400]
        self.fields["slot"].choices = [
            (
                slot.pk,
                formats.date_format(local(slot.starts_at), "D j M")
                + " "
                + slot_label(slot)
                + f" ({slot.free})",
            )
            for slot in slots
        ]
        self.fields["desk_service"].choices = service_choices()

    def clean(self):
        data = super().clean()
        if not data.get("contact_phone") and not data.get("contact_email"):
            raise forms.ValidationError(_("Give a phone number or an email to reach the person."))
        return data


class VisitForm(forms.Form):
    """A walk-in visit, without an appointment: counted by need, Municipio and outcome."""

    desk_service = forms.TypedChoiceField(label=_("Need"), coerce=int)
    municipio = forms.ModelChoiceField(
        label=_("Municipio of residence"),
        required=False,
        queryset=Zone.objects.filter(
            kind="municipio", locale__language_code=settings.LANGUAGE_CODE
        ).order_by("number"),
        empty_label=_("Not said / outside Milan"),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Visit.Outcome.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk_service"].choices = service_choices()


class ClosureForm(forms.Form):
    """An operator closes their Spazio on a day (no appointments that day)."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason (optional)"), max_length=200, required=False)

    def __init__(self, *args, space_key, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.space_key = space_key
        self.today = today or timezone.localdate()

    def clean_day(self):
        from .models import Closure

        day = self.cleaned_data["day"]
        if day < self.today:
            raise forms.ValidationError(_("This day is past: choose today or a later day."))
        if Closure.objects.filter(space_key=self.space_key, day=day).exists():
            raise forms.ValidationError(_("The Spazio is already closed on this day."))
        return day
