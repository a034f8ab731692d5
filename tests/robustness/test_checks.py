"""Checks that could be skipped (issue 11): spreadsheet formulas in CSV exports, phone
numbers, feedback limits and duplicates."""

import csv
import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from content.core.spreadsheets import csv_writer, neutralise_cell
from content.feedback.models import PageRating, ProblemReport
from content.feedback.ratelimit import MAX_SUBMISSIONS, MAX_SUBMISSIONS_PER_ADDRESS
from marketplace.phones import ascii_digits, normalise_phone
from tests.marketplace.helpers import (
    add_to_basket_url,
    basket_post,
    checkout_to_preview,
    place_order,
)

from .conftest import login

FORMULA = "=cmd|' /C calc'!A0"


# CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1", "＝1+1", "-", "+39 A1", "+"],
)
def test_formula_cells_become_text(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell", ["Via Padova 21", "", "3", -3, 2.5, None, "a=b", "1-2", "+39 333 123 4567", "+3902"]
)
def test_other_cells_are_unchanged(cell):
    assert neutralise_cell(cell) == cell


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_no_written_cell_starts_a_formula(text):
    stream = io.StringIO()
    csv_writer(stream).writerow([text, 5])
    [row] = list(csv.reader(io.StringIO(stream.getvalue())))
    cell = row[0].lstrip(" \u00a0")
    phone = re.fullmatch(r"\+\d[\d ]*", cell)  # digits and spaces after "+": no formula
    assert phone or not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
    assert row[0] in (text, "'" + text) or "\r" in text  # csv folds bare carriage returns
    assert row[1] == "5"


@pytest.mark.django_db
def test_provider_csv_export_neutralises_the_service_address(
    citizen, accredited_offer, zones, service, tomorrow, provider_staff
):
    client = Client()
    client.force_login(citizen)
    data = basket_post(accredited_offer, zones["citta_studi"], tomorrow, street=FORMULA)
    assert client.post(add_to_basket_url(service), data).status_code == 302
    checkout_to_preview(client)
    assert place_order(client).status_code == 302

    response = login(provider_staff).get(reverse("marketplace_fulfilment:line_export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert any("'" + FORMULA in row for row in rows[1:])
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_wagtail_and_oscar_csv_writers_neutralise_rows():
    from oscar.core.compat import UnicodeCSVWriter
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    stream = io.StringIO()
    UnicodeCSVWriter(open_file=stream).writerow([FORMULA, 1])
    assert stream.getvalue().startswith("'=cmd")

    class Export(SpreadsheetExportMixin):
        pass

    stream = io.StringIO()
    writer = csv.DictWriter(stream, ["title"])
    Export().write_csv_row(writer, {"title": '@HYPERLINK("http://x")'})
    assert stream.getvalue().startswith("\"'@HYPERLINK")


# Phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,stored",
    [
        ("02 1234567", "+39 02 123 4567"),
        ("+39 02 1234567", "+39 02 123 4567"),
        ("٠٢ ١٢٣٤٥٦٧", "+39 02 123 4567"),  # Arabic-Indic
        ("۰۲ ۱۲۳۴۵۶۷", "+39 02 123 4567"),  # Eastern Arabic-Indic (Persian)
        ("０２ １２３４５６７", "+39 02 123 4567"),  # full-width
        ("३३३ १२३४५६७", "+39 333 123 4567"),  # Devanagari
        ("333.123.4567", "+39 333 123 4567"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_numbers_are_read_in_any_digits(raw, stored):
    assert normalise_phone(raw) == stored


@pytest.mark.parametrize(
    "raw", ["------", "0-0-0-0", "", "   ", "+", "abc", "123", "0" * 40, "+39 02", "٠-٠-٠-٠"]
)
def test_non_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_ascii_digits():
    assert ascii_digits("٠٢ ١٢٣") == "02 123"
    assert ascii_digits("abc") == "abc"


@given(st.text(max_size=45))
@settings(max_examples=200, deadline=None)
def test_phone_reading_never_crashes(text):
    try:
        stored = normalise_phone(text)
    except ValidationError:
        return
    assert stored.startswith("+") and normalise_phone(stored) == stored


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["it", "ar"])
def test_checkout_contact_step_refuses_dashes_and_accepts_arabic_digits(
    citizen, accredited_offer, zones, service, tomorrow, language
):
    from django.utils import translation

    client = Client()
    client.force_login(citizen)
    data = basket_post(accredited_offer, zones["citta_studi"], tomorrow)
    assert client.post(add_to_basket_url(service), data).status_code == 302
    with translation.override(language):
        url = reverse("checkout:contact")
    page = client.get(url).content.decode()
    assert 'type="tel"' in page
    for bad in ("------", "0-0-0-0"):
        response = client.post(url, {"name": "Maria Rossi", "phone": bad})
        assert response.status_code == 200 and response.context["form"].errors["phone"]
    response = client.post(url, {"name": "Maria Rossi", "phone": "٠٢ ١٢٣٤٥٦٧"})
    assert response.status_code == 302
    checkout_to_preview_page = client.get(reverse("checkout:preview"))
    assert checkout_to_preview_page.status_code in (200, 302)


# Feedback ----------------------------------------------------------------------------------


@pytest.fixture
def rate_url(service):
    return reverse("feedback:rate_page", args=[service.pk])


JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_the_same_rating_sent_twice_is_stored_once(client, rate_url):
    data = {"stars": "2", "answer": "", "comment": "Non si capisce il prezzo"}
    assert client.post(rate_url, data, **JSON).status_code == 201
    assert client.post(rate_url, data, **JSON).status_code == 201
    assert PageRating.objects.count() == 1
    assert client.post(rate_url, {**data, "comment": "Altro"}, **JSON).status_code == 201
    assert PageRating.objects.count() == 2


@pytest.mark.django_db
def test_two_simultaneous_identical_submissions_claim_once(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    from content.feedback.ratelimit import claim_submission

    first, second = rf.post("/it/segnala/"), rf.post("/it/segnala/")
    first.session = second.session = SessionStore()
    first.user = second.user = AnonymousUser()
    content = {"kind": "phone", "description": "Il numero non risponde.", "page": 7}
    # Both requests arrive before either stores its row: only one may store it.
    assert claim_submission(first, "report", content) is True
    assert claim_submission(second, "report", content) is False
    assert claim_submission(second, "report", {**content, "page": 8}) is True


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_the_same_report_sent_at_once_is_stored_once(service, home_page):
    url = reverse("feedback:report_page", args=[service.pk])
    data = {"kind": "phone", "description": "Il numero non risponde.", "email": ""}
    client = Client()
    client.get(f"/it/segnala/{service.pk}/")  # the browser's session
    client.post(url, {"kind": "phone", "description": "Prima segnalazione."}, **JSON)
    ProblemReport.objects.all().delete()

    def send(_):
        return client.post(url, data, **JSON).status_code

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(send, range(4)))
    assert statuses == [201] * 4
    assert ProblemReport.objects.count() == 1


@pytest.mark.django_db
def test_new_sessions_do_not_escape_the_address_limit(rate_url):
    stored = 0
    for number in range(MAX_SUBMISSIONS_PER_ADDRESS + 5):
        response = Client().post(rate_url, {"stars": "4", "comment": f"n{number}"}, **JSON)
        stored += response.status_code == 201
    assert stored == MAX_SUBMISSIONS_PER_ADDRESS
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(rate_url, {"stars": "4"}, **JSON).status_code == 201


@pytest.mark.django_db
def test_an_account_is_limited_across_sessions_and_addresses(rate_url, citizen):
    stored = 0
    for number in range(MAX_SUBMISSIONS + 3):
        client = Client(REMOTE_ADDR=f"198.51.100.{number + 1}")
        client.force_login(citizen)
        response = client.post(rate_url, {"stars": "4", "comment": f"n{number}"}, **JSON)
        stored += response.status_code == 201
    assert stored == MAX_SUBMISSIONS


@pytest.mark.django_db
def test_proxy_header_is_trusted_only_when_configured(rate_url, settings):
    def flood(header_value):
        codes = []
        for number in range(MAX_SUBMISSIONS_PER_ADDRESS + 1):
            client = Client(HTTP_X_FORWARDED_FOR=header_value(number))
            codes.append(
                client.post(rate_url, {"stars": "3", "comment": f"c{number}"}, **JSON).status_code
            )
        return codes

    # Not configured: a forged header does not give each request a new address.
    assert flood(lambda n: f"203.0.113.{n}")[-1] == 429
    from django.core.cache import cache

    cache.clear()
    settings.WEMI_CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.WEMI_TRUSTED_PROXY_COUNT = 1
    # Configured: the proxy's entry (the last one) is the client, what came before is not.
    assert flood(lambda n: f"10.0.0.{n}, 203.0.113.9")[-1] == 429
    cache.clear()
    assert 429 not in flood(lambda n: f"203.0.113.{n}")
