"""Bulk seeding (content.core.seeding, issue 17): the demo seed pays for Wagtail's search and
reference indexes once at the end, not per save, and leaves them as per-save updates would."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from content import factories
from content.core.management.commands import seed_milano
from content.core.seeding import bulk_seeding

pytestmark = pytest.mark.django_db


def index_entry_of(page):
    page_types = ContentType.objects.get_for_models(Page, type(page)).values()
    return IndexEntry.objects.filter(object_id=str(page.pk), content_type__in=page_types).first()


def test_inside_no_page_is_indexed_per_save_and_after_it_is_again(home_page):
    with bulk_seeding():
        quiet = factories.make_news("Nuovo Spazio in Bovisa")
    assert index_entry_of(quiet) is None

    after = factories.make_news("Giornata aperta in Barona")
    assert index_entry_of(after) is not None  # the receivers are connected again

    call_command("update_index", verbosity=0)
    entry = index_entry_of(quiet)
    # The title as the backend stores it: text on SQLite, a tsvector on PostgreSQL.
    assert entry is not None and "bovisa" in str(entry.title).lower()


def test_inside_references_wait_for_the_rebuild(home_page):
    image = get_image_model().objects.create(title="Festa", file=get_test_image_file())
    with bulk_seeding():
        # A draft: publishing brings the page's own references up to date (uploads).
        page = factories.make_news("Festa di quartiere a Gratosoglio", image=image, publish=False)
        assert not ReferenceIndex.get_references_to(image).exists()
    call_command("rebuild_references_index", verbosity=0)
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(page.pk)).exists()


def test_the_indexes_can_be_rebuilt_inside_and_references_come_back_after(home_page):
    """The seed's last steps run inside bulk seeding (rebuild_references_index switches the
    reference index off and on itself); after the block a save updates it again."""
    image = get_image_model().objects.create(title="Coro", file=get_test_image_file())
    with bulk_seeding():
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
    page = factories.make_news("Coro dei bambini a Baggio", image=image, publish=False)
    assert ReferenceIndex.get_references_to(image).filter(object_id=str(page.pk)).exists()


def test_inside_queries_are_not_logged(settings):
    settings.DEBUG = True
    with bulk_seeding():
        assert not connection.queries_logged
    assert connection.queries_logged


def test_the_seed_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_milano")


def test_the_seed_ends_with_both_wagtail_indexes():
    commands = [command for command, _what, _guarded in seed_milano.STEPS]
    assert commands[-2:] == ["update_index", "rebuild_references_index"]
    assert commands.index("rebuild_search_index") > commands.index("secure_content")
