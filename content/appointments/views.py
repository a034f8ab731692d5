"""The citizen's side: book an appointment at a Spazio in the Designers Italia model's steps
(office, date and time, details, applicant, summary), see, move and cancel it; book a place
in an activity. Every id in a URL that is not the citizen's own answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.taxonomy.models import localized

from . import booking, rules
from .forms import ContactsStepForm, DetailsStepForm, SlotStepForm, italian_services
from .models import Activity, ActivityBooking, Appointment, DeskService
from .spaces import italian_spaces, space_in_language, spaces_by_key

STEP_NAMES = ["office", "slot", "details", "contacts", "summary"]
REFUSALS = {
    "past": gettext_lazy("That time has already passed: choose another one."),
    "full": gettext_lazy("Someone has just taken the last place at that time: choose another one."),
    "missing": gettext_lazy("That time is no longer offered: choose another one."),
    "already_booked": gettext_lazy("You already have an appointment at that time."),
}


def _steps(current):
    """The stepper: (label, state) with state "done", "current" or "todo"."""
    index = STEP_NAMES.index(current)
    labels = [
        (_("Office"), "office"),
        (_("Date and time"), "slot"),
        (_("Details"), "details"),
        (_("Applicant"), "contacts"),
        (_("Summary"), "summary"),
    ]
    return [
        (label, "done" if n < index else "current" if n == index else "todo", n + 1)
        for n, (label, _name) in enumerate(labels)
    ]


def _service_from_query(request):
    slug = request.GET.get("service", "")
    return italian_services().filter(slug=slug).first() if slug else None


def choose_space(request):
    """Step 1, office: the Spazi WeMi, each with its address and Municipio."""
    spaces = [space_in_language(space.translation_key) for space in italian_spaces()]
    service = _service_from_query(request)
    return render(
        request,
        "content_appointments/book_office.html",
        {
            "spaces": spaces,
            "steps": _steps("office"),
            "service": localized([service])[0] if service else None,
            "service_slug": service.slug if service else "",
        },
    )


def _forms(request, space_key, upto):
    """The step forms up to ``upto`` bound to the POST (every earlier answer travels in
    hidden fields, so going back or fixing an error loses nothing)."""
    data = request.POST if request.method == "POST" else None
    initial_contacts = {}
    if request.user.is_authenticated:
        initial_contacts = {
            "contact_name": request.user.get_full_name(),
            "contact_email": request.user.email,
        }
    initial_details = {}
    service = _service_from_query(request)
    if service:
        initial_details["desk_service"] = service.pk
    return {
        "slot": SlotStepForm(data, space_key=space_key),
        "details": DetailsStepForm(data, initial=initial_details),
        "contacts": ContactsStepForm(
            data if data and "contact_name" in data else None, initial=initial_contacts
        ),
    }


@login_required
def book(request, space_key):
    """Steps 2 to 5 on one URL: each POST names the step it submits (``step``) and whether
    the citizen goes on or back (``go``); the summary's confirmation books."""
    space = space_in_language(space_key)
    submitted = request.POST.get("step", "slot") if request.method == "POST" else "slot"
    if submitted not in STEP_NAMES[1:]:
        submitted = "slot"
    go = request.POST.get("go", "next")
    forms = _forms(request, space_key, submitted)
    current = submitted
    errors_for = None
    if request.method == "POST":
        if go == "back":
            current = STEP_NAMES[max(1, STEP_NAMES.index(submitted) - 1)]
        elif go == "day":
            current = "slot"
        else:
            # Every step up to the submitted one must be valid; the first that is not is shown.
            for name in STEP_NAMES[1 : STEP_NAMES.index(submitted) + 1]:
                if name != "summary" and not forms[name].is_valid():
                    current = errors_for = name
                    break
            else:
                if submitted == "summary":
                    return _confirm(request, space, forms)
                current = STEP_NAMES[STEP_NAMES.index(submitted) + 1]
    context = {
        "space": space,
        "steps": _steps(current),
        "current": current,
        "forms": forms,
        "errors_for": errors_for == current,
    }
    if current == "summary":
        context["slot"] = forms["slot"].chosen_slot()
        service = DeskService.objects.get(pk=forms["details"].cleaned_data["desk_service"])
        context["service"] = localized([service])[0]
    return render(request, "content_appointments/book_steps.html", context)


def _confirm(request, space, forms):
    slot = forms["slot"].chosen_slot()
    details, contacts = forms["details"].cleaned_data, forms["contacts"].cleaned_data
    service = get_object_or_404(italian_services(), pk=details["desk_service"])
    try:
        appointment = booking.book_appointment(
            slot_id=slot.pk,
            desk_service=service,
            citizen=request.user,
            reason=details["reason"],
            contact_name=contacts["contact_name"],
            contact_email=contacts["contact_email"],
            contact_phone=contacts["contact_phone"],
            booked_by=request.user,
            channel="web",
            language=get_language(),
        )
    except booking.Unavailable as refusal:
        if refusal.reason == "already_booked":
            # A double submit: show the appointment the first one booked.
            existing = Appointment.objects.filter(
                slot=slot, citizen=request.user, status=Appointment.Status.BOOKED
            ).first()
            if existing:
                return redirect("content_appointments:detail", reference=existing.reference)
        messages.error(request, REFUSALS[refusal.reason])
        return redirect("content_appointments:book_space", space_key=space.translation_key)
    messages.success(request, _("Your appointment is booked. We have sent you an email."))
    return redirect("content_appointments:detail", reference=appointment.reference)


def _own_appointment(request, reference):
    return get_object_or_404(
        Appointment.objects.select_related("slot", "desk_service"),
        reference=reference,
        citizen=request.user,
    )


def _described(appointments):
    """Attach ``space`` and ``service`` in the reader's language to each appointment."""
    appointments = list(appointments)
    spaces = spaces_by_key({a.slot.space_key for a in appointments})
    services = localized([a.desk_service for a in appointments])
    for appointment, service in zip(appointments, services, strict=True):
        appointment.space = spaces[appointment.slot.space_key]
        appointment.service = service
    return appointments


@login_required
def detail(request, reference):
    appointment = _described([_own_appointment(request, reference)])[0]
    return render(
        request,
        "content_appointments/detail.html",
        {
            "appointment": appointment,
            "may_change": rules.citizen_may_cancel(
                appointment.status, appointment.slot.starts_at, timezone.now()
            ),
        },
    )


@login_required
def mine(request):
    """My appointments and my places in activities: coming ones first, then the past."""
    now = timezone.now()
    appointments = _described(
        Appointment.objects.filter(citizen=request.user)
        .select_related("slot", "desk_service")
        .order_by("-slot__starts_at")
    )
    for appointment in appointments:
        appointment.may_change = rules.citizen_may_cancel(
            appointment.status, appointment.slot.starts_at, now
        )
    bookings = list(
        ActivityBooking.objects.filter(citizen=request.user)
        .select_related("activity")
        .order_by("-activity__starts_at")
    )
    activities = localized([b.activity for b in bookings])
    for booking_row, activity in zip(bookings, activities, strict=True):
        booking_row.shown = activity
        booking_row.space = space_in_language(activity.space_key)
        booking_row.may_cancel = booking_row.status == "booked" and activity.starts_at > now
    return render(
        request,
        "content_appointments/mine.html",
        {
            "coming": [a for a in appointments if a.slot.starts_at > now],
            "past": [a for a in appointments if a.slot.starts_at <= now],
            "bookings": bookings,
        },
    )


@login_required
def cancel(request, reference):
    appointment = _own_appointment(request, reference)
    if request.method == "POST":
        try:
            booking.cancel_appointment(appointment, request.user)
        except rules.TransitionNotAllowed:
            if appointment.status == Appointment.Status.CANCELLED:
                messages.info(request, _("This appointment was already cancelled."))
            else:
                messages.error(request, _("This appointment can no longer be cancelled."))
        else:
            messages.success(request, _("Your appointment is cancelled."))
        return redirect("content_appointments:mine")
    appointment = _described([appointment])[0]
    return render(request, "content_appointments/cancel.html", {"appointment": appointment})


@login_required
def move(request, reference):
    """Choose another time at the same Spazio; the old appointment is cancelled and the new
    one booked in one transaction (if the new time is taken, nothing changes)."""
    appointment = _own_appointment(request, reference)
    if not rules.citizen_may_cancel(appointment.status, appointment.slot.starts_at, timezone.now()):
        messages.error(request, _("This appointment can no longer be moved."))
        return redirect("content_appointments:mine")
    form = SlotStepForm(
        request.POST if request.method == "POST" else None, space_key=appointment.slot.space_key
    )
    if request.method == "POST" and request.POST.get("go") != "day" and form.is_valid():
        try:
            new = booking.move_appointment(appointment, form.chosen_slot().pk, request.user)
        except booking.Unavailable as refusal:
            messages.error(request, REFUSALS[refusal.reason])
        else:
            messages.success(request, _("Your appointment has been moved."))
            return redirect("content_appointments:detail", reference=new.reference)
    appointment = _described([appointment])[0]
    return render(
        request,
        "content_appointments/move.html",
        {
            "appointment": appointment,
            "form": form,
            "show_errors": request.method == "POST" and request.POST.get("go") != "day",
        },
    )


@login_required
@require_POST
def book_activity(request, pk):
    activity = get_object_or_404(Activity, pk=pk)
    source_page = space_in_language(activity.space_key)
    try:
        booking.book_activity(activity, request.user)
    except booking.Unavailable as refusal:
        messages.error(
            request,
            {
                "past": _("This activity has already started."),
                "full": _("There are no places left in this activity."),
                "missing": _("This activity is no longer offered."),
                "already_booked": _("You already have a place in this activity."),
            }[refusal.reason],
        )
    else:
        messages.success(request, _("Your place is booked. You find it in your appointments."))
    return redirect(source_page.url + "#activities-title")


@login_required
@require_POST
def cancel_activity(request, reference):
    row = get_object_or_404(ActivityBooking, reference=reference, citizen=request.user)
    if booking.cancel_activity_booking(row):
        messages.success(request, _("Your place in the activity is cancelled."))
    else:
        messages.info(request, _("This place was already cancelled or the activity has started."))
    return redirect("content_appointments:mine")


def booking_url(service_slug=""):
    url = reverse("content_appointments:book")
    return f"{url}?service={service_slug}" if service_slug else url
