"""The public feedback forms: plain POST (no JavaScript) and fetch() with JSON."""

import pytest
from django.urls import reverse
from django.utils import translation

from content import factories
from content.feedback.models import PageRating, ProblemReport
from content.feedback.ratelimit import MAX_SUBMISSIONS

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def service(home_page):
    provider = factories.make_provider(title="Cooperativa Aurora")
    return factories.make_service(provider, title="Assistenza domiciliare Aurora")


def test_rating_without_javascript_is_saved_and_redirects_to_the_page(client, service):
    url = reverse("feedback:rate_page", args=[service.pk])
    response = client.post(url, {"stars": "4", "answer": "complete", "comment": "Utile"})
    assert response.status_code == 302
    assert response["Location"].endswith(service.url + "#feedback")
    rating = PageRating.objects.get()
    assert (rating.page_id, rating.stars, rating.answer, rating.comment, rating.language) == (
        service.pk, 4, "complete", "Utile", "it"
    )
    page = client.get(response["Location"])
    assert "Grazie" in page.content.decode() or "Thank you" in page.content.decode()


def test_invalid_rating_shows_errors_and_keeps_the_input(client, service):
    url = reverse("feedback:rate_page", args=[service.pk])
    response = client.post(url, {"stars": "2", "answer": "clear", "comment": "Non trovo il prezzo"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'value="Non trovo il prezzo"' in html
    assert 'value="2" checked' in html
    assert PageRating.objects.count() == 0


def test_rating_with_fetch_answers_json(client, service):
    url = reverse("feedback:rate_page", args=[service.pk])
    response = client.post(url, {"stars": "1", "answer": "technical_problems"}, **JSON)
    assert response.status_code == 201
    assert response.json()["message"]
    error = client.post(url, {}, **JSON)
    assert error.status_code == 400
    assert "stars" in error.json()["errors"]


def test_widget_carries_the_designers_italia_data_elements(client, service):
    from django.contrib.auth.models import AnonymousUser
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    request = RequestFactory().get(service.url)
    request.user = AnonymousUser()
    html = Template("{% load feedback_tags %}{% page_feedback page %}").render(
        RequestContext(request, {"page": service})
    )
    for element in ["feedback", "feedback-title", "feedback-rating-positive",
                    "feedback-rating-negative", "feedback-rating-question",
                    "feedback-rating-answer", "feedback-input-text",
                    *[f"feedback-rate-{n}" for n in range(1, 6)]]:
        assert f'data-element="{element}"' in html, element
    # Public pages are shared by the caching proxy: no per-visitor token for anonymous ones.
    assert "csrfmiddlewaretoken" not in html


def test_problem_report_about_a_listing(client, service):
    url = reverse("feedback:report_page", args=[service.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "hours", "description": "Chiuso il lunedì",
                                 "email": "anna@example.org"})
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert (report.page_id, report.kind, report.handled) == (service.pk, "hours", False)


def test_general_report_page_lists_how_to_report_and_validates(client, home_page):
    with translation.override("it"):
        url = reverse("feedback:report")
    assert url == "/it/segnala/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "other", "description": ""})
    assert response.status_code == 400
    assert ProblemReport.objects.count() == 0
    assert client.post(url, {"kind": "other", "description": "Link rotto"}).status_code == 302
    assert ProblemReport.objects.get().page is None


def test_unpublished_pages_cannot_be_rated(client, home_page):
    provider = factories.make_provider()
    draft = factories.make_service(provider)
    draft.unpublish()
    url = reverse("feedback:rate_page", args=[draft.pk])
    assert client.post(url, {"stars": "5"}).status_code == 404


def test_forms_need_a_csrf_token_from_logged_in_visitors(service, django_user_model):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    user = django_user_model.objects.create_user(email="anna@example.org", password="x")
    client.force_login(user)
    url = reverse("feedback:rate_page", args=[service.pk])
    assert client.post(url, {"stars": "5"}).status_code == 403
    page = client.get(service.url)
    assert "csrfmiddlewaretoken" in page.content.decode()
    token = client.cookies["csrftoken"].value
    assert client.post(url, {"stars": "5", "csrfmiddlewaretoken": token}).status_code == 302


def test_anonymous_visitors_rate_without_a_token_and_get_no_csrf_cookie(service):
    """The page is shared by the cache; an anonymous rating carries no one's identity."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get(service.url)
    assert page.status_code == 200
    assert "csrftoken" not in page.cookies
    assert "csrfmiddlewaretoken" not in page.content.decode()
    url = reverse("feedback:rate_page", args=[service.pk])
    assert client.post(url, {"stars": "5"}).status_code == 302
    assert PageRating.objects.count() == 1


def test_a_session_is_rate_limited(client, service):
    url = reverse("feedback:rate_page", args=[service.pk])
    for number in range(MAX_SUBMISSIONS):
        data = {"stars": "5", "comment": f"Chiara {number}"}
        assert client.post(url, data, **JSON).status_code == 201
    assert client.post(url, {"stars": "4"}, **JSON).status_code == 429
    assert client.post(url, {"stars": "3"}).status_code == 429
    assert PageRating.objects.count() == MAX_SUBMISSIONS


def test_service_page_shows_the_widgets_and_government_service_json_ld(client, service):
    import json
    import re

    html = client.get(service.url).content.decode()
    assert 'data-element="feedback"' in html
    assert f'action="/it/segnala/{service.pk}/"' in html
    match = re.search(
        r'<script type="application/ld\+json" data-element="metatag">(.*?)</script>', html, re.S
    )
    data = json.loads(match.group(1))
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Assistenza domiciliare Aurora"
    assert data["provider"]["name"] == "Cooperativa Aurora"
    assert data["url"].endswith(service.url)
