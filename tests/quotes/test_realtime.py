"""The real-time channel of quote threads (docs/decisions/0026): who may open a thread's
socket, messages pushed to the other side, presence and the "away" e-mail in the
recipient's language."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace import factories as shop
from marketplace.quotes import presence, rules, workflow
from marketplace.quotes.consumers import FORBIDDEN
from marketplace.quotes.models import QuoteMessage

from .conftest import quote_of

CITIZEN, PROVIDER = QuoteMessage.Side.CITIZEN, QuoteMessage.Side.PROVIDER


@pytest.fixture(autouse=True)
def clear_presence():
    cache.clear()
    yield
    cache.clear()


def _cookie(user):
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def communicator(quote, user=None, after=0, lang="it", origin=b"http://testserver"):
    from config.asgi import application

    headers = [(b"origin", origin)]
    if user is not None:
        headers.append((b"cookie", _cookie(user)))
    return WebsocketCommunicator(
        application, f"/ws/quotes/{quote.uuid}/?after={after}&lang={lang}", headers=headers
    )


def run(coroutine_function):
    """Runs an async scenario in a thread of its own: an earlier browser test in the same
    session leaves Playwright's event loop in this thread, where ``async_to_sync`` refuses
    to run. (The tests use the transactional database, so the thread sees their rows.)"""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(async_to_sync(coroutine_function)).result()


async def _refused(socket):
    connected, code = await socket.connect()
    await socket.disconnect()
    return not connected and code == FORBIDDEN


async def _accepted(socket):
    connected, _code = await socket.connect()
    await socket.disconnect()
    return connected


@pytest.mark.django_db(transaction=True)
def test_only_the_two_parties_and_operators_of_reported_threads_subscribe(
    sent, providers, citizen, operator
):
    quote = quote_of(sent, providers[0])
    stranger = shop.make_citizen("stranger@example.org")
    other_staff = providers[1].staff  # staff of another provider asked by the same request

    async def scenario():
        sockets = {
            "citizen": communicator(quote, citizen),
            "own staff": communicator(quote, providers[0].staff),
        }
        results = {name: await _accepted(socket) for name, socket in sockets.items()}
        for name, user in (("anonymous", None), ("stranger", stranger),
                           ("other provider", other_staff), ("operator", operator)):
            results[name] = not await _refused(communicator(quote, user))
        return results

    assert run(scenario) == {"citizen": True, "own staff": True, "anonymous": False,
                             "stranger": False, "other provider": False, "operator": False}
    workflow.report(quote, citizen, "Mi ha chiesto di pagare fuori da WeMi")

    async def after_report():
        return await _accepted(communicator(quote, operator))

    assert run(after_report)


def test_a_page_of_another_site_cannot_open_the_socket(settings):
    """The Origin is checked before anything else: a foreign one never reaches the consumer;
    the site's own reaches it (which then refuses an anonymous visitor with 4403)."""
    from config.asgi import websocket_application

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    application = websocket_application()
    path = "/ws/quotes/00000000-0000-0000-0000-000000000000/"

    async def attempt(origin):
        socket = WebsocketCommunicator(application, path, headers=[(b"origin", origin)])
        connected, code = await socket.connect()
        return connected, code

    async def foreign():
        return await attempt(b"https://evil.example")

    async def own():
        return await attempt(b"http://testserver")

    connected, code = run(foreign)
    assert connected is False and code != FORBIDDEN  # stopped before the consumer
    assert run(own) == (False, FORBIDDEN)


@pytest.mark.django_db(transaction=True)
def test_messages_reach_the_other_side_at_once_and_only_the_thread(sent, providers, citizen):
    quote = quote_of(sent, providers[0])
    other_quote = quote_of(sent, providers[1])

    async def scenario():
        staff = communicator(quote, providers[0].staff, lang="ar")
        other = communicator(other_quote, providers[1].staff)
        assert (await staff.connect())[0] and (await other.connect())[0]
        await database_sync_to_async(workflow.post_message)(
            quote, citizen, CITIZEN, "Buongiorno, <b>è possibile</b> il sabato?"
        )
        pushed = await staff.receive_json_from(timeout=3)
        nothing_for_other = await other.receive_nothing(timeout=0.3)
        await staff.disconnect()
        await other.disconnect()
        return pushed, nothing_for_other

    pushed, nothing_for_other = run(scenario)
    [row] = pushed["messages"]
    assert row["body"] == "Buongiorno, <b>è possibile</b> il sabato?"  # text; the page escapes
    assert row["mine"] is False
    with translation.override("ar"):  # rendered in the language the page asked for
        assert row["author"] == str(QuoteMessage.Side.CITIZEN.label) != "Cittadino"
    assert nothing_for_other
    # Pushed to an open page counts as read.
    assert workflow.last_read(quote, PROVIDER) is not None


@pytest.mark.django_db(transaction=True)
def test_catch_up_after_the_last_id_the_page_had(sent, providers, citizen):
    quote = quote_of(sent, providers[0])
    first = workflow.post_message(quote, citizen, CITIZEN, "uno")
    workflow.post_message(quote, citizen, CITIZEN, "due")

    async def scenario():
        socket = communicator(quote, providers[0].staff, after=first.pk)
        await socket.connect()
        data = await socket.receive_json_from(timeout=3)
        await socket.disconnect()
        return data

    assert [row["body"] for row in run(scenario)["messages"]] == ["due"]


@pytest.mark.django_db(transaction=True)
def test_no_email_while_the_other_side_has_the_thread_open(sent, providers, citizen):
    quote = quote_of(sent, providers[0])
    mail.outbox.clear()

    async def scenario():
        staff = communicator(quote, providers[0].staff)
        await staff.connect()
        online = await database_sync_to_async(presence.is_online)(quote.pk, PROVIDER)
        await database_sync_to_async(workflow.post_message)(quote, citizen, CITIZEN, "Ci sei?")
        await staff.receive_json_from(timeout=3)
        await staff.disconnect()
        return online

    assert run(scenario) is True
    assert mail.outbox == []
    assert not presence.is_online(quote.pk, PROVIDER)  # the socket closed: away again


def test_presence_counts_sockets_and_lapses(settings):
    cache.clear()
    presence.joined(1, PROVIDER)
    presence.joined(1, PROVIDER)
    presence.left(1, PROVIDER)
    assert presence.is_online(1, PROVIDER)
    assert not presence.is_online(1, CITIZEN)
    presence.left(1, PROVIDER)
    assert not presence.is_online(1, PROVIDER)
    presence.left(1, PROVIDER)  # a late close after the counter lapsed
    assert not presence.is_online(1, PROVIDER)


@pytest.mark.django_db
@pytest.mark.usefixtures("immediate_on_commit")
def test_away_email_in_each_recipients_language(sent, providers, citizen):
    from wagtail.users.models import UserProfile

    quote = quote_of(sent, providers[0])
    arabic_staff = shop.make_citizen("staff-ar@example.org")
    arabic_staff.groups.add(providers[0].page.staff_group)
    UserProfile.get_for_user(arabic_staff).__class__.objects.filter(
        user=arabic_staff
    ).update(preferred_language="ar")
    mail.outbox.clear()
    workflow.post_message(quote, citizen, CITIZEN, "Buongiorno")
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert set(subjects) == {providers[0].staff.email, "staff-ar@example.org"}
    assert subjects[providers[0].staff.email] == "WeMi: un nuovo messaggio sulla tua richiesta"
    assert subjects["staff-ar@example.org"] != subjects[providers[0].staff.email]
    assert "WeMi" in subjects["staff-ar@example.org"]
    # The citizen reads the language of the request (Italian here).
    mail.outbox.clear()
    sent.language = "es"
    sent.save(update_fields=["language"])
    workflow.mark_read(quote, CITIZEN, timezone.now() - datetime.timedelta(hours=1))
    workflow.post_message(quote, providers[0].staff, PROVIDER, "Sì, certo")
    [message] = mail.outbox
    assert message.to == [citizen.email]
    assert "mensaje" in message.subject


@pytest.mark.django_db
@pytest.mark.usefixtures("immediate_on_commit")
def test_the_worker_checks_presence_again(sent, providers, citizen):
    """Online when the worker runs (came back after the message was queued): no e-mail."""
    from marketplace.quotes import notifications

    quote = quote_of(sent, providers[0])
    message = QuoteMessage.objects.create(quote=quote, author=citizen, side=CITIZEN, body="x")
    mail.outbox.clear()
    presence.joined(quote.pk, PROVIDER)
    notifications.new_message.call(message.pk)
    assert mail.outbox == []
    presence.left(quote.pk, PROVIDER)
    notifications.new_message.call(message.pk)
    assert len(mail.outbox) == 1


@given(online=st.booleans(), minutes=st.none() | st.integers(min_value=0, max_value=600))
def test_should_email_only_when_offline_and_away(online, minutes):
    now = timezone.now()
    last_seen = None if minutes is None else now - datetime.timedelta(minutes=minutes)
    expected = not online and (minutes is None
                               or datetime.timedelta(minutes=minutes) > rules.AWAY_AFTER)
    assert rules.should_email(online, last_seen, now) is expected
