"""Create the appointment slots of every Spazio for the coming weeks (a scheduler job)."""

from django.core.management.base import BaseCommand

from content.appointments import rules, slots


class Command(BaseCommand):
    help = "Create the missing appointment slots of every Spazio WeMi for the coming weeks."

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=rules.BOOKING_WEEKS)

    def handle(self, *args, weeks=rules.BOOKING_WEEKS, **options):
        created = slots.generate(weeks=weeks)
        self.stdout.write(f"{created} appointment slots created.")
