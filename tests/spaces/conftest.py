from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from content import factories
from content.appointments.models import DeskService, Slot
from content.spaces.operators import make_space_operator


@pytest.fixture
def spaces(home_page):
    municipio = factories.make_zone("Municipio 1", number=1)
    hours = [(day, time(9), time(13)) for day in range(7)]
    return [
        factories.make_space("Spazio WeMi Centro", municipio=municipio, opening_hours=hours),
        factories.make_space("Spazio WeMi Nord", municipio=municipio, opening_hours=hours),
    ]


@pytest.fixture
def desk_services(home_page):
    from wagtail.models import Locale

    italian = Locale.objects.get(language_code="it")
    return [
        DeskService.objects.create(locale=italian, slug="orientamento", name="Orientamento"),
        DeskService.objects.create(locale=italian, slug="spid", name="Aiuto digitale e SPID"),
    ]


@pytest.fixture
def make_slot(spaces):
    def make(space=None, hours_ahead=48, capacity=1, booked=0):
        space = space or spaces[0]
        start = timezone.now().replace(microsecond=0) + timedelta(hours=hours_ahead)
        return Slot.objects.create(
            space_key=space.translation_key, starts_at=start,
            ends_at=start + timedelta(minutes=30), capacity=capacity, booked=booked,
        )

    return make


@pytest.fixture
def citizen(db):
    return get_user_model().objects.create_user(
        email="cittadina@wemi.example", password="x", first_name="Giulia", last_name="Rossi"
    )


@pytest.fixture
def operator(spaces):
    user = get_user_model().objects.create_user(email="op@wemi.example", password="x")
    make_space_operator(user, spaces[0])
    return user
