import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from content.taxonomy.models import Need, Zone, localized
from marketplace import line_options
from marketplace.forms import ZoneChoiceField, offer_label
from marketplace.zones import serves_zone, zone_choices

from . import rules
from .models import PriceTier, SharingGroup, tiers_of

StockRecord = get_model("partner", "StockRecord")


class SharedOfferField(forms.ModelChoiceField):
    strategy = None

    def label_from_instance(self, offer):
        return offer_label(offer, self.strategy)


class StartGroupForm(forms.Form):
    """The terms of a new group on one of a service's shared offers (fields prefixed
    ``group-``: the form sits on the service page beside the booking form)."""

    prefix = "group"

    offer = SharedOfferField(
        label=_("Offer"), queryset=StockRecord.objects.none(), empty_label=None,
        widget=forms.RadioSelect,
    )
    context = forms.ChoiceField(label=_("Who the group is for"),
                                choices=SharingGroup.Context.choices)
    min_households = forms.IntegerField(
        label=_("Minimum households"), min_value=rules.MIN_GROUP, max_value=rules.MAX_GROUP,
        initial=3, help_text=_("Below this number at the deadline the group does not start and "
                               "nobody pays."),
    )
    max_households = forms.IntegerField(
        label=_("Maximum households"), min_value=rules.MIN_GROUP, max_value=rules.MAX_GROUP,
        initial=6,
    )
    deadline = forms.DateTimeField(
        label=_("Households can join until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    start_date = forms.DateField(
        label=_("Preferred start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    frequency = forms.ChoiceField(
        label=_("Frequency"), choices=line_options.Frequency.choices,
        initial=line_options.Frequency.WEEKLY, widget=forms.RadioSelect,
    )
    zone = ZoneChoiceField(label=_("Neighbourhood"), coerce=int)
    place = forms.CharField(
        label=_("Where (school, address or meeting point)"), max_length=200, required=False,
        help_text=_("Shown to the households that join and to the provider."),
    )
    is_public = forms.BooleanField(
        label=_("List the group publicly (otherwise only people with the link can join)"),
        required=False, initial=True,
    )

    def __init__(self, service_page, strategy, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.service_page = service_page
        self.organisation = organisation
        if organisation is not None:
            # A group for an organisation's members: its context is the organisation's
            # kind, and it is never listed (members find it on the organisation's page).
            del self.fields["context"]
            del self.fields["is_public"]
        self.fields["offer"].queryset = shared_offers(service_page)
        self.fields["offer"].strategy = strategy
        self.fields["zone"].choices = [("", _("Choose the neighbourhood"))] + zone_choices(
            service_page.facts_source
        )
        now = timezone.localtime()
        deadline = (now + datetime.timedelta(days=7)).replace(second=0, microsecond=0)
        self.fields["deadline"].initial = deadline
        self.fields["start_date"].initial = deadline.date() + datetime.timedelta(days=7)

    def clean_zone(self):
        zone = Zone.objects.in_default_locale().filter(pk=self.cleaned_data["zone"]).first()
        if zone is None or not serves_zone(self.service_page.facts_source, zone):
            raise forms.ValidationError(_("This service is not delivered in that neighbourhood."))
        return zone

    def clean(self):
        data = super().clean()
        problems = rules.group_problems(
            data.get("min_households"), data.get("max_households"), data.get("deadline"),
            timezone.now(), data.get("start_date"),
        )
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def terms(self):
        data = self.cleaned_data
        terms = {
            key: data[key]
            for key in ("min_households", "max_households", "deadline", "start_date",
                        "frequency", "zone", "place")
        }
        if self.organisation is not None:
            terms.update(context=self.organisation.sharing_context(), is_public=False)
        else:
            terms.update(context=data["context"], is_public=data["is_public"])
        return terms


def shared_offers(service_page):
    """The offers of a service that have price tiers in effect today (can be bought
    together)."""
    today = timezone.localdate()
    return (
        StockRecord.objects.filter(
            # One filter() call: the same tier starts by today and has not ended.
            Q(sharing_tiers__valid_until__isnull=True)
            | Q(sharing_tiers__valid_until__gte=today),
            product__service_key=service_page.translation_key,
            product__is_public=True,
            sharing_tiers__valid_from__lte=today,
        )
        .distinct()
        .select_related("product", "partner")
        .order_by("price", "pk")
    )


class GroupSearchForm(forms.Form):
    need = forms.TypedChoiceField(label=_("Need"), required=False, coerce=int, empty_value=None)
    zone = forms.TypedChoiceField(label=_("Neighbourhood"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        needs = list(Need.objects.in_default_locale().filter(parent__isnull=False))
        names = [(need.pk, shown.name) for need, shown in zip(needs, localized(needs),
                                                              strict=True)]
        self.fields["need"].choices = [("", _("Any need"))] + sorted(names, key=lambda n: n[1])
        self.fields["zone"].choices = [("", _("Anywhere"))] + zone_choices()


class TierForm(forms.ModelForm):
    class Meta:
        model = PriceTier
        fields = ["min_households", "max_households", "unit_price", "valid_from", "valid_until"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["valid_from"].initial = timezone.localdate()
        self.fields["valid_until"].help_text = _(
            "Last day these prices apply; leave empty until new prices are set."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end comes before the start."))
        return cleaned


class BaseTierFormSet(forms.BaseInlineFormSet):
    """The tiers of one offer. A price list that has started is history that groups rely on
    (decision 0019, amendment): its tiers cannot be changed or deleted, only given a last
    day; new prices are a new list, from tomorrow (today when no list is in effect, as no
    group can have started on the offer today)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        today = timezone.localdate()
        in_effect_today = bool(tiers_of(self.instance, today))
        for form in self.forms:
            if not form.cleaned_data:
                continue
            # The saved start (form.instance already carries what was typed).
            started = form.instance.pk and form.initial.get("valid_from")
            if started and started <= today:
                changed = set(form.changed_data) - {"valid_until", "DELETE"}
                if changed or form.cleaned_data.get("DELETE"):
                    form.add_error(None, _(
                        "Prices that have started to apply cannot be changed: set their last "
                        "day and add new tiers from a later date."
                    ))
                elif "valid_until" in form.changed_data and (
                    form.cleaned_data.get("valid_until") or today
                ) < today:
                    form.add_error("valid_until", _("The last day cannot be in the past."))
            elif not form.cleaned_data.get("DELETE"):
                start = form.cleaned_data["valid_from"]
                if start < today or (start == today and in_effect_today):
                    form.add_error("valid_from", _(
                        "New prices start tomorrow at the earliest, or today if no prices "
                        "apply today."
                    ))
        if any(self.errors):
            return
        tiers = [
            rules.Tier(
                form.cleaned_data["min_households"],
                form.cleaned_data.get("max_households"),
                form.cleaned_data["unit_price"],
                form.cleaned_data["valid_from"],
                form.cleaned_data.get("valid_until"),
            )
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        errors = rules.validate_price_lists(
            tiers, self.instance.price or 0, timezone.localdate()
        )
        if errors:
            raise forms.ValidationError(errors)


TierFormSet = forms.inlineformset_factory(
    StockRecord, PriceTier, form=TierForm, formset=BaseTierFormSet, extra=2, can_delete=True,
    fk_name="stockrecord",
)
