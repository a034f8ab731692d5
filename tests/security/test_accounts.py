"""Accounts resist takeover (issue 12): logout by POST only, login throttling on both logins,
registration and password reset that do not reveal accounts, a confirmed email change,
sessions that suit a shared computer."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace import factories as shop

pytestmark = pytest.mark.django_db
User = get_user_model()
LOGIN_URL = "/it/shop/accounts/login/"
PASSWORD = "wemi-cittadino"


def storefront_login(client, email, password, **extra):
    data = {"login-username": email, "login-password": password, "login_submit": "1"}
    data.update(extra)
    return client.post(LOGIN_URL, data)


def same_page(first, second):
    """Two answers are the same page but for the CSP nonce and the masked CSRF tokens (both
    fresh on every response)."""
    fresh = re.compile(r'nonce="[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"')
    return fresh.sub("", first.content.decode()) == fresh.sub("", second.content.decode())


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def is_logged_in(client):
    return "_auth_user_id" in client.session


# Logout ---------------------------------------------------------------------------------


def test_a_get_does_not_log_out(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("customer:logout"))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert is_logged_in(client)


def test_logout_is_a_post_with_the_csrf_token(citizen):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(citizen)
    # Another site's form cannot carry the token.
    assert browser.post(reverse("customer:logout")).status_code == 403
    assert is_logged_in(browser)
    page = browser.get(reverse("customer:logout")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(reverse("customer:logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not is_logged_in(browser)


# Login throttling ---------------------------------------------------------------------------


def test_storefront_login_locks_after_five_wrong_passwords(client, citizen, settings):
    """Issue 12: 25 wrong passwords then the right one logged in."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        assert storefront_login(client, citizen.email, "wrong").status_code in (200, 429)
    response = storefront_login(client, citizen.email, PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    page = response.content.decode()
    assert "Troppe password sbagliate" in page  # in the visitor's language
    with_english = Client()
    response = with_english.post(
        "/en/shop/accounts/login/",
        {"login-username": citizen.email, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_admin_login_locks_too(client, settings):
    editor = shop.make_citizen("redattrice@comune.example", password="giusta-Password-1")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/cms/login/", {"username": editor.email, "password": "wrong"})
    response = client.post(
        "/cms/login/", {"username": editor.email, "password": "giusta-Password-1"}
    )
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_lock_is_per_account_and_client_address(citizen, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        storefront_login(attacker, citizen.email, "wrong")
    assert storefront_login(attacker, citizen.email, PASSWORD).status_code == 429
    # The citizen, from the Spazio's computer, still logs in; the attacker's other guesses
    # at another account from the same address are counted afresh.
    at_the_spazio = Client(REMOTE_ADDR="198.51.100.20")
    assert storefront_login(at_the_spazio, citizen.email, PASSWORD).status_code == 302
    other = shop.make_citizen("altra@wemi.example")
    assert storefront_login(attacker, other.email, PASSWORD).status_code == 302


def test_an_operator_unlocks_a_login_in_the_admin(client, citizen, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        storefront_login(client, citizen.email, "wrong")
    attempt = AccessAttempt.objects.get(username=citizen.email.lower())
    operator = shop.make_citizen("operatrice@comune.example")
    operator.groups.add(Group.objects.get(name="Comune operators"))
    staff = Client()
    staff.force_login(operator)
    listing = staff.get(reverse("login_attempts:index"))
    assert listing.status_code == 200 and citizen.email in listing.content.decode()
    assert staff.post(reverse("login_attempts:delete", args=[attempt.pk])).status_code == 302
    assert storefront_login(client, citizen.email, PASSWORD).status_code == 302


def test_a_citizen_cannot_unlock_logins(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("login_attempts:index")).status_code in (302, 403)


# Registration and password reset ------------------------------------------------------------


def register(client, email):
    return client.post(
        LOGIN_URL, {"registration-email": email, "registration_submit": "1"}, follow=True
    )


def test_registration_does_not_tell_whether_the_email_has_an_account(client, citizen):
    known = register(client, citizen.email.upper())
    unknown = register(Client(), "nuovo@wemi.example")
    assert known.redirect_chain == unknown.redirect_chain
    assert known.status_code == unknown.status_code == 200
    assert same_page(known, unknown)
    assert not is_logged_in(client)
    # Each address learns what it needs by email.
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "già un account" in by_address[citizen.email].body
    assert "/activate/" in by_address["nuovo@wemi.example"].body


def test_the_registration_link_chooses_the_password_and_logs_in(client):
    register(client, "nuovo@wemi.example")
    user = User.objects.get(email="nuovo@wemi.example")
    assert not user.is_active and not user.has_usable_password()
    link = link_in(mail.outbox[-1])
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "Una-password-lunga-42"
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.check_password(new_password)
    assert is_logged_in(client)
    # The link works once.
    assert Client().get(link, follow=True).context["validlink"] is False


def test_registering_again_does_not_touch_an_active_account(client, citizen):
    register(client, citizen.email)
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.check_password(PASSWORD)


def test_password_reset_does_not_tell_whether_the_email_has_an_account(client, citizen):
    url = reverse("password-reset")
    known = client.post(url, {"email": citizen.email}, follow=True)
    unknown = Client().post(url, {"email": "nessuno@wemi.example"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert same_page(known, unknown)
    assert [message.to for message in mail.outbox] == [[citizen.email]]


# Email change -----------------------------------------------------------------------------


def test_changing_the_email_needs_the_password_and_a_confirmed_link(client, citizen):
    client.force_login(citizen)
    url = reverse("customer:email-change")
    response = client.post(url, {"new_email": "nuova@wemi.example", "password": "wrong"})
    assert response.status_code == 200 and "password" in response.context["form"].errors
    assert mail.outbox == []

    response = client.post(url, {"new_email": "nuova@wemi.example", "password": PASSWORD})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.email == "maria@wemi.example"  # nothing changes before the link
    (confirmation,) = mail.outbox
    assert confirmation.to == ["nuova@wemi.example"]
    link = link_in(confirmation)

    # Opening the link (mail scanners do) changes nothing; the button does.
    anonymous = Client()
    assert anonymous.get(link).status_code == 200
    citizen.refresh_from_db()
    assert citizen.email == "maria@wemi.example"
    assert anonymous.post(link).status_code == 302
    citizen.refresh_from_db()
    assert citizen.email == "nuova@wemi.example"
    told = mail.outbox[-1]
    assert told.to == ["maria@wemi.example"] and "nuova@wemi.example" in told.body
    # Once only.
    assert anonymous.get(link).context["change"] is None
    assert storefront_login(Client(), "nuova@wemi.example", PASSWORD).status_code == 302


def test_the_profile_form_no_longer_changes_the_email(client, citizen):
    client.force_login(citizen)
    client.post(
        reverse("customer:profile-update"),
        {"first_name": "Maria", "last_name": "Bianchi", "email": "altra@wemi.example"},
    )
    citizen.refresh_from_db()
    assert citizen.email == "maria@wemi.example" and citizen.last_name == "Bianchi"


def test_an_address_with_an_account_gets_nothing_and_the_answer_is_the_same(client, citizen):
    other = shop.make_citizen("occupata@wemi.example")
    client.force_login(citizen)
    url = reverse("customer:email-change")
    taken = client.post(url, {"new_email": other.email, "password": PASSWORD}, follow=True)
    free = client.post(url, {"new_email": "libera@wemi.example", "password": PASSWORD}, follow=True)
    assert same_page(taken, free)
    assert [message.to for message in mail.outbox] == [["libera@wemi.example"]]


def test_a_forged_or_stale_link_changes_nothing(client, citizen):
    bad = reverse("customer:email-change-confirm", kwargs={"token": "forged"})
    assert client.post(bad).status_code == 200
    citizen.refresh_from_db()
    assert citizen.email == "maria@wemi.example"


# Sessions -------------------------------------------------------------------------------------


def test_without_remember_me_the_session_ends_with_the_browser(client, citizen):
    assert storefront_login(client, citizen.email, PASSWORD).status_code == 302
    assert client.session.get_expire_at_browser_close()
    cookie = client.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]


def test_remember_me_keeps_the_session(client, citizen, settings):
    response = storefront_login(client, citizen.email, PASSWORD, **{"login-remember": "on"})
    assert response.status_code == 302
    assert not client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_an_idle_session_on_a_shared_computer_is_logged_out(client, citizen, settings):
    storefront_login(client, citizen.email, PASSWORD)
    client.get(reverse("customer:profile-view"))
    session = client.session
    session["_wemi_last_activity"] -= settings.WEMI_SESSION_IDLE_TIMEOUT + 1
    session.save()
    response = client.get(reverse("customer:profile-view"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not is_logged_in(client)
