"""The demo's Milano 0-18 catalogue is large, varied, valid and written in five languages."""

from content.core.demo.minors import LANGUAGES, activities
from content.services.minors import ActivityKind, age_range_errors


def test_at_least_40_valid_activities_free_and_paid_across_providers_and_municipi():
    plan = activities()
    assert len(plan) >= 40
    assert {activity.kind for activity in plan} == set(ActivityKind.values)
    assert any(activity.free for activity in plan) and not all(activity.free for activity in plan)
    assert len({activity.provider for activity in plan}) >= 6
    assert len({activity.municipio for activity in plan}) == 9
    for activity in plan:
        assert not age_range_errors(activity.age_from, activity.age_to, activity.kind)
    slugs = [(activity.provider, activity.slug, activity.municipio) for activity in plan]
    assert len(set(slugs)) == len(slugs)


def test_every_text_is_in_every_language_and_translated():
    for activity in activities():
        for field, texts in activity.texts().items():
            assert set(texts) == set(LANGUAGES), field
            assert all(text.strip() for text in texts.values()), field
            if field != "title":
                assert texts["ar"] != texts["it"] and texts["zh-hans"] != texts["it"], field
