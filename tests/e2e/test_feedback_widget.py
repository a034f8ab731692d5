"""The feedback widget with JavaScript: one step at a time, sent with fetch(), announced."""

import pytest

from content.feedback.models import PageRating

from .axe import axe_violations, describe
from .keyboard import focus_with_tab
from .site_data import build_site


@pytest.fixture
def site(live_server, transactional_db):
    return build_site()


def test_rating_steps_follow_the_stars_and_the_thanks_is_announced(page, live_server, site):
    page.goto(live_server.url + site.url("service", "it"))
    widget = page.locator('[data-element="feedback"]')
    positive = widget.locator('[data-element="feedback-rating-positive"]')
    negative = widget.locator('[data-element="feedback-rating-negative"]')
    assert positive.is_hidden() and negative.is_hidden()

    focus_with_tab(page, 'input[name="stars"]')  # the first star; arrows move the choice
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # 2 stars: a negative rating
    assert negative.is_visible() and positive.is_hidden()
    violations = axe_violations(page)
    assert not violations, describe("widget, step 2", page.url, violations)

    focus_with_tab(page, 'input[name="answer"]')
    page.keyboard.press("Space")
    focus_with_tab(page, '[data-element="feedback-input-text"]')
    page.keyboard.type("Non trovo gli orari")
    focus_with_tab(page, '[data-feedback-form] button[type="submit"]')
    page.keyboard.press("Enter")

    status = widget.locator('[role="status"]')
    status.locator(".alert-success").wait_for()
    assert page.url.endswith(site.url("service", "it"))  # no page load
    rating = PageRating.objects.get()
    assert (rating.stars, rating.answer, rating.comment) == (2, "unclear", "Non trovo gli orari")
    violations = axe_violations(page)
    assert not violations, describe("widget, thanks", page.url, violations)
