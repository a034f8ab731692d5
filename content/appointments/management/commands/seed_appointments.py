"""Demo of the Spazi desk: desk services (in five languages), slots for the coming weeks,
activities and courses at every Spazio, a few appointments and walk-in visits. Idempotent."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from content.appointments import booking, slots
from content.appointments.demo import ACTIVITIES, DESK_SERVICES
from content.appointments.models import Activity, Appointment, DeskService, Slot, Visit
from content.appointments.spaces import italian_spaces
from content.core.translations import translate
from content.spaces.models import SpaceOperator

CITIZEN_EMAIL = "cittadino@wemi.example"
WALK_INS = [
    ("Giuseppe Ferri", "+39 333 555 0101", "desk"),
    ("Amina Haddad", "+39 333 555 0102", "phone"),
]


class Command(BaseCommand):
    help = "Seed the Spazi desk demo (services, slots, activities, appointments, visits)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: pass --force only on a throw-away database.")
        with transaction.atomic():
            services = self.desk_services()
        created = slots.generate()
        with transaction.atomic():
            activities = self.activities()
            appointments = self.appointments(services)
        self.stdout.write(
            f"Spazi desk: {len(services)} desk services, {created} new slots, "
            f"{activities} new activities, {appointments} new appointments."
        )

    def _locales(self):
        return {locale.language_code: locale for locale in Locale.objects.all()}

    def desk_services(self):
        locales = self._locales()
        italian = locales[settings.LANGUAGE_CODE]
        made = []
        for order, (slug, texts) in enumerate(DESK_SERVICES.items()):
            name, description = texts["it"]
            service, _created = DeskService.objects.get_or_create(
                locale=italian,
                slug=slug,
                defaults={"name": name, "description": description, "sort_order": order},
            )
            made.append(service)
            for code, locale in locales.items():
                if code == settings.LANGUAGE_CODE or code not in texts:
                    continue
                if DeskService.objects.filter(
                    translation_key=service.translation_key, locale=locale
                ).exists():
                    continue
                catalog = dict(zip(texts["it"], texts[code], strict=True))
                translate(service, locale, catalog)
        return made

    def activities(self):
        locales = self._locales()
        italian = locales[settings.LANGUAGE_CODE]
        tz = ZoneInfo(settings.TIME_ZONE)
        today = timezone.localdate()
        made = 0
        for position, space in enumerate(italian_spaces()):
            for (offset, hour, minutes, places), texts in ACTIVITIES:
                day = today + timedelta(days=offset + position % 3)
                while day.weekday() > 4:
                    day += timedelta(days=1)
                title, description, for_whom = texts["it"]
                if Activity.objects.filter(
                    space_key=space.translation_key,
                    locale=italian,
                    title=title,
                    starts_at__gt=timezone.now(),
                ).exists():
                    continue
                starts_at = datetime.combine(day, time(hour), tzinfo=tz)
                activity = Activity.objects.create(
                    locale=italian,
                    space_key=space.translation_key,
                    title=title,
                    description=description,
                    for_whom=for_whom,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=minutes),
                    places=places,
                )
                made += 1
                for code, locale in locales.items():
                    if code != settings.LANGUAGE_CODE and code in texts:
                        translate(
                            activity, locale, dict(zip(texts["it"], texts[code], strict=True))
                        )
        return made

    def appointments(self, services):
        User = get_user_model()
        citizen = User.objects.filter(email=CITIZEN_EMAIL).first()
        made = 0
        for position, space in enumerate(italian_spaces()):
            key = space.translation_key
            if Appointment.objects.filter(slot__space_key=key).exists():
                continue
            operator = SpaceOperator.objects.filter(space_key=key).select_related("user").first()
            free = list(
                Slot.objects.filter(space_key=key, starts_at__gt=timezone.now()).order_by(
                    "starts_at"
                )[:6]
            )
            people = [(name, phone, channel, None) for name, phone, channel in WALK_INS]
            if citizen and position < 2:
                people.insert(0, (citizen.get_full_name(), "", "web", citizen))
            for (name, phone, channel, user), slot in zip(people, free[::2], strict=False):
                booking.book_appointment(
                    slot_id=slot.pk,
                    desk_service=services[(position + made) % len(services)],
                    citizen=user,
                    contact_name=name,
                    contact_phone=phone,
                    contact_email=user.email if user else "",
                    booked_by=user or (operator.user if operator else None),
                    channel=channel,
                    notify=False,
                )
                made += 1
            if operator and not Visit.objects.filter(space_key=key).exists():
                for number, outcome in enumerate(Visit.Outcome.values):
                    Visit.objects.create(
                        space_key=key,
                        desk_service=services[number % len(services)],
                        municipio=space.municipio,
                        outcome=outcome,
                        operator=operator.user,
                        at=timezone.now() - timedelta(hours=number + 1),
                    )
        return made
