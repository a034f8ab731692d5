"""The Spazio operator's desk inside the Wagtail admin (/cms/spazi/), like the provider
workspace (marketplace/fulfilment/admin_views.py): the day's agenda, attendance, booking for a
person at the desk or on the phone, walk-in visits, and the Comune's report.

An operator sees only the Spazi of ``content.spaces.operators.space_keys_for``: any other
Spazio, appointment or id answers 404. The report is open to operators (their Spazi) and to
the Comune editors and superusers (every Spazio).
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.core.roles import may_set_comune_facts
from content.core.spreadsheets import csv_writer
from content.spaces.operators import space_keys_for
from content.taxonomy.models import localized
from marketplace.privacy import rules as privacy_rules
from marketplace.privacy.access import citizens_for, record_accesses
from marketplace.privacy.models import DataAccess

from . import booking, rules
from . import slots as slot_making
from .forms import ClosureForm, DeskBookingForm, VisitForm, italian_services
from .models import Appointment, Closure, Slot, Visit
from .spaces import italian_spaces, space_in_language

TZ = ZoneInfo(settings.TIME_ZONE)


def sees_all_spaces(user):
    """The Comune (editors, superusers) reads every Spazio's report."""
    return may_set_comune_facts(user)


def uses_desk(user):
    return bool(space_keys_for(user))


def report_keys(user):
    if sees_all_spaces(user):
        return {space.translation_key for space in italian_spaces()}
    return space_keys_for(user)


def operated_space(request, space_key):
    """The Spazio page of ``space_key`` if the user operates it, else 404."""
    if space_key not in space_keys_for(request.user):
        raise Http404
    return space_in_language(space_key)


class DeskView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "calendar"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class DeskHomeView(DeskView):
    """The operator's Spazi (usually one: straight to its agenda)."""

    page_title = gettext_lazy("Spazio desk")
    template_name = "content_appointments/admin/desk_home.html"

    def get(self, request, *args, **kwargs):
        keys = space_keys_for(request.user)
        if not keys:
            raise PermissionDenied
        if len(keys) == 1:
            return redirect("content_appointments_desk:agenda", space_key=next(iter(keys)))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["spaces"] = [space_in_language(key) for key in space_keys_for(self.request.user)]
        return context


def _day(request):
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


class AgendaView(DeskView):
    """The appointments of one day at the operator's Spazio, slot by slot.

    The access log gets one row per citizen with an account whose appointment the day
    shows (people booked by phone without an account have no account to log against)."""

    template_name = "content_appointments/admin/agenda.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        appointments = [
            appointment
            for slot in response.context_data["slots"]
            for appointment in slot.day_appointments
        ]
        record_accesses(
            request,
            [appointment.citizen for appointment in appointments],
            DataAccess.Action.VIEW_APPOINTMENTS,
            purpose="desk",
            object_ref=("url", f"content_appointments_desk:agenda/{response.context_data['day']}"),
        )
        return response

    def dispatch(self, request, space_key, *args, **kwargs):
        self.space = operated_space(request, space_key)
        return super().dispatch(request, space_key, *args, **kwargs)

    def get_page_title(self):
        return _("Agenda of %(space)s") % {"space": self.space.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = _day(self.request)
        start = datetime.combine(day, time(0), tzinfo=TZ)
        slots = list(
            Slot.objects.filter(
                space_key=self.space.translation_key,
                starts_at__gte=start,
                starts_at__lt=start + timedelta(days=1),
            ).order_by("starts_at")
        )
        appointments = list(
            Appointment.objects.filter(slot__in=slots)
            .select_related("desk_service", "citizen")
            .order_by("slot__starts_at", "pk")
        )
        services = localized([a.desk_service for a in appointments])
        by_slot = {}
        for appointment, service in zip(appointments, services, strict=True):
            appointment.service = service
            by_slot.setdefault(appointment.slot_id, []).append(appointment)
        for slot in slots:
            slot.day_appointments = by_slot.get(slot.pk, [])
        # Citizens of the day who authorised this operator: "act for them" from the agenda.
        authorised = set(
            citizens_for(self.request.user, privacy_rules.PURCHASE).values_list("pk", flat=True)
        )
        for appointment in appointments:
            appointment.may_act_for = appointment.citizen_id in authorised
        context.update(
            space=self.space,
            day=day,
            previous_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            slots=slots,
            visits_today=Visit.objects.filter(
                space_key=self.space.translation_key,
                at__gte=start,
                at__lt=start + timedelta(days=1),
            ).count(),
        )
        return context


class MarkView(DeskView):
    """POST: record that the person came (``attended``) or did not (``no_show``)."""

    http_method_names = ["post"]

    def post(self, request, space_key, pk, status):
        space = operated_space(request, space_key)
        if status not in (Appointment.Status.ATTENDED, Appointment.Status.NO_SHOW):
            raise Http404
        appointment = get_object_or_404(
            Appointment.objects.select_related("slot"), pk=pk, slot__space_key=space_key
        )
        try:
            booking.mark_attendance(appointment, status, request.user)
        except rules.TransitionNotAllowed:
            messages.error(request, _("This appointment cannot be marked so."))
        else:
            messages.success(
                request,
                _("Recorded: %(name)s, %(status)s.")
                % {
                    "name": appointment.contact_name,
                    "status": Appointment.Status(status).label,
                },
            )
        day = appointment.slot.starts_at.astimezone(TZ).date()
        return redirect(
            reverse("content_appointments_desk:agenda", args=[space.translation_key])
            + f"?day={day.isoformat()}"
        )


class BookForView(DeskView):
    """Book for a person at the desk or on the phone (an account is not needed)."""

    template_name = "content_appointments/admin/book_for.html"

    def dispatch(self, request, space_key, *args, **kwargs):
        self.space = operated_space(request, space_key)
        return super().dispatch(request, space_key, *args, **kwargs)

    def get_page_title(self):
        return _("Book for a person at %(space)s") % {"space": self.space.title}

    def post(self, request, space_key):
        form = DeskBookingForm(request.POST, space_key=space_key)
        if form.is_valid():
            data = form.cleaned_data
            try:
                appointment = booking.book_appointment(
                    slot_id=data["slot"],
                    desk_service=get_object_or_404(italian_services(), pk=data["desk_service"]),
                    reason=data["reason"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    booked_by=request.user,
                    channel=data["channel"],
                    language=data["language"],
                )
            except booking.Unavailable:
                form.add_error("slot", _("That time is no longer free: choose another one."))
            else:
                messages.success(
                    request,
                    _("Booked: reference %(reference)s.") % {"reference": appointment.reference},
                )
                day = appointment.slot.starts_at.astimezone(TZ).date()
                return redirect(
                    reverse("content_appointments_desk:agenda", args=[space_key])
                    + f"?day={day.isoformat()}"
                )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DeskBookingForm(space_key=self.space.translation_key))
        context["space"] = self.space
        return context


class VisitView(BookForView):
    """Record a walk-in visit (no appointment): need, Municipio, outcome."""

    template_name = "content_appointments/admin/visit.html"

    def get_page_title(self):
        return _("Record a visit at %(space)s") % {"space": self.space.title}

    def post(self, request, space_key):
        form = VisitForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            Visit.objects.create(
                space_key=space_key,
                desk_service=get_object_or_404(italian_services(), pk=data["desk_service"]),
                municipio=data["municipio"],
                outcome=data["outcome"],
                operator=request.user,
                at=timezone.now(),
            )
            messages.success(request, _("The visit has been recorded."))
            return redirect("content_appointments_desk:agenda", space_key=space_key)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", VisitForm())
        return super().get_context_data(**kwargs)


class ClosuresView(DeskView):
    """The Spazio's closure days: add one (its free places are withdrawn and the operator
    is told whom to call), or reopen a future one (slots come back at the next run of
    ``generate_appointment_slots``)."""

    template_name = "content_appointments/admin/closures.html"

    def dispatch(self, request, space_key, *args, **kwargs):
        self.space = operated_space(request, space_key)
        return super().dispatch(request, space_key, *args, **kwargs)

    def get_page_title(self):
        return _("Closure days of %(space)s") % {"space": self.space.title}

    def post(self, request, space_key):
        reopen = request.POST.get("reopen")
        if reopen:
            Closure.objects.filter(
                pk=reopen if reopen.isdigit() else 0,
                space_key=space_key,
                day__gte=timezone.localdate(),
            ).delete()
            slot_making.generate(space_keys=[space_key])
            messages.success(request, _("The day is open again for appointments."))
            return redirect("content_appointments_desk:closures", space_key=space_key)
        form = ClosureForm(request.POST, space_key=space_key)
        if form.is_valid():
            closure = Closure.objects.create(
                space_key=space_key,
                day=form.cleaned_data["day"],
                reason=form.cleaned_data["reason"],
                created_by=request.user,
            )
            still_booked = slot_making.apply_closure(closure)
            if still_booked:
                messages.warning(
                    request,
                    _(
                        "Closed. %(count)s people are still booked that day: call them to "
                        "move their appointment (see the agenda)."
                    )
                    % {"count": len(still_booked)},
                )
            else:
                messages.success(request, _("Closed: no appointment can be booked that day."))
            return redirect("content_appointments_desk:closures", space_key=space_key)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ClosureForm(space_key=self.space.translation_key))
        context["space"] = self.space
        context["closures"] = Closure.objects.filter(
            space_key=self.space.translation_key, day__gte=timezone.localdate()
        )
        context["holidays"] = [
            (day, rules.holiday_name(day))
            for day in (timezone.localdate() + timedelta(days=n) for n in range(60))
            if rules.holiday_name(day)
        ]
        return context


def report_rows(keys, since, until):
    """``[(space title, need, appointments booked, attended, no-shows, walk-in visits)]``
    for the Spazi ``keys`` between the dates ``since`` and ``until`` (included)."""
    start = datetime.combine(since, time(0), tzinfo=TZ)
    end = datetime.combine(until + timedelta(days=1), time(0), tzinfo=TZ)
    counts = Counter()
    appointments = (
        Appointment.objects.filter(
            slot__space_key__in=keys, slot__starts_at__gte=start, slot__starts_at__lt=end
        )
        .exclude(status=Appointment.Status.CANCELLED)
        .values_list("slot__space_key", "desk_service_id", "status")
    )
    for key, service_id, status in appointments:
        counts[(key, service_id, "appointments")] += 1
        counts[(key, service_id, status)] += 1
    for key, service_id in Visit.objects.filter(
        space_key__in=keys, at__gte=start, at__lt=end
    ).values_list("space_key", "desk_service_id"):
        counts[(key, service_id, "visits")] += 1
    services = list(italian_services())
    names = dict(zip([s.pk for s in services], [t.name for t in localized(services)], strict=True))
    titles = {key: space_in_language(key).title for key in keys}
    rows = []
    for key in sorted(keys, key=lambda k: titles[k]):
        for service in services:
            row = [
                counts[(key, service.pk, kind)]
                for kind in ("appointments", "attended", "no_show", "visits")
            ]
            if any(row):
                rows.append([titles[key], names[service.pk], *row])
    return rows


class ReportView(DeskView):
    """Appointments and walk-in visits by Spazio and need, for a period; CSV export."""

    page_title = gettext_lazy("Spazi WeMi report")
    template_name = "content_appointments/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not (uses_desk(request.user) or sees_all_spaces(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def period(self):
        today = timezone.localdate()
        try:
            since = date.fromisoformat(self.request.GET.get("since", ""))
        except ValueError:
            since = today.replace(day=1)
        try:
            until = date.fromisoformat(self.request.GET.get("until", ""))
        except ValueError:
            until = today
        return (since, until) if since <= until else (until, since)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            since, until = self.period()
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="wemi-spazi-{since:%Y-%m-%d}-{until:%Y-%m-%d}.csv"'
            )
            writer = csv_writer(response)
            writer.writerow(
                [
                    _("Spazio WeMi"),
                    _("Need"),
                    _("Appointments"),
                    _("Attended"),
                    _("Did not come"),
                    _("Walk-in visits"),
                ]
            )
            for row in report_rows(report_keys(request.user), since, until):
                writer.writerow(row)
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since, until = self.period()
        context.update(
            since=since, until=until, rows=report_rows(report_keys(self.request.user), since, until)
        )
        return context
