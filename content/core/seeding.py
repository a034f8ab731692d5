"""Building a lot of content at once (the demo seed) without paying, per save, for work done
better once at the end.

Wagtail's search index (``modelsearch``, the admin's search and the pages API's ``?search=``)
is kept up to date by a ``post_save`` receiver on every indexed model that enqueues a task per
save; with the immediate task backend the task runs there and then: it reads the object again,
writes its index entry and, on SQLite, recomputes the average title length over the whole
index. Seeding the demo saves pages several thousand times (each page, its revisions, the
aliases of every language), so the index was rewritten thousands of times, each time a little
slower, and the log had a line per task. Wagtail's reference index (which object uses which:
the admin's "usage" counts, the warnings before deleting an image) has a task per save too.
Inside :func:`bulk_seeding` neither runs; ``update_index`` and ``rebuild_references_index``
then build both once, from everything saved, as the per-save tasks would have.

Query logging is off too: with ``DEBUG`` on, Django keeps every query and, on SQLite, runs
one more query per query to quote its parameters for the log.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from django.test.utils import override_settings


def _auto_updated_models():
    from modelsearch import index

    return [
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]


@contextmanager
def bulk_seeding():
    """Within: no per-save update of Wagtail's search index or of its reference index (what
    uses what: "usage" in the admin), no query log. Rebuild both afterwards
    (``update_index``, ``rebuild_references_index``: the last steps of ``seed_milano``)."""
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import reference_index_auto_update_disabled as no_references

    models = _auto_updated_models()
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    # Wagtail's disable_reference_index_auto_update() cannot be nested (its exit deletes the
    # flag, and rebuild_references_index uses it inside this block): set the flag directly.
    was_disabled = getattr(no_references, "value", False)
    no_references.value = True
    try:
        with override_settings(DEBUG=False):
            yield
    finally:
        no_references.value = was_disabled
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


