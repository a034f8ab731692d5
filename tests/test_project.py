import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def test_custom_user_model_logs_in_with_email():
    from django.contrib.auth import get_user_model

    assert settings.AUTH_USER_MODEL == "marketplace_accounts.User"
    assert get_user_model().USERNAME_FIELD == "email"


def test_search_app_is_the_fork_of_oscars():
    from django.apps import apps

    assert apps.get_app_config("search").name == "search"


@pytest.mark.django_db
def test_health_check(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "wemi.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v2/nothing/", "/api/search/nothing/"])
def test_an_unknown_api_address_answers_a_json_404_in_place(client, home_page, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"message": "Not found."}
    # The same shape as the API's own answer for a missing object.
    assert client.get("/api/v2/pages/999999/").json().keys() == response.json().keys()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/cms/nothing/", "/documents/nothing/", "/django-admin/x/y/"])
def test_an_unknown_admin_address_is_a_404_not_a_redirect_into_the_site(client, home_page,
                                                                       admin_user, path):
    client.force_login(admin_user)
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_a_public_address_without_language_still_goes_to_the_italian_site(client, home_page):
    response = client.get("/nothing-here/")
    assert response.status_code == 302
    assert response["Location"] == "/it/nothing-here/"
    response = client.get("/it/nothing-here/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


CRON_INTERVALS = {  # cron's minute and hour fields -> seconds between runs
    ("*", "*"): 60, ("*/5", "*"): 300, ("*/15", "*"): 900,
}


def _cron_interval(minute, hour):
    if (minute, hour) in CRON_INTERVALS:
        return CRON_INTERVALS[(minute, hour)]
    if minute.isdigit() and hour == "*":
        return 3600
    if minute.isdigit() and hour.isdigit():
        return 86400
    raise AssertionError(f"unexpected cron schedule {minute} {hour}")


def test_the_cron_file_runs_every_registered_job_at_its_interval():
    """deploy/cron/wemi is the documented alternative to run_scheduled_jobs: a job missing
    from it would never run on a cron-based installation."""
    import re
    import shlex

    from django.conf import settings

    from scheduler.registry import jobs

    cron = (settings.BASE_DIR / "deploy" / "cron" / "wemi").read_text()
    scheduled = {}
    for line in cron.splitlines():
        match = re.match(r"^(\S+) (\S+) \S+ \S+ \S+\s+\S+\s+eval \"\$RUN ([^\"]+)\"", line)
        if match:
            command = tuple(shlex.split(match.group(3)))
            scheduled[command] = _cron_interval(match.group(1), match.group(2))
    expected = {(job.command, *job.args): job.every for job in jobs()}
    assert scheduled == expected


def test_several_caching_proxies_each_get_every_purge():
    from config.settings.base import frontend_cache_backends

    assert frontend_cache_backends("") == {} and frontend_cache_backends(None) == {}
    backends = frontend_cache_backends("http://10.0.0.5:80, http://10.0.0.6:80")
    assert [backend["LOCATION"] for backend in backends.values()] == [
        "http://10.0.0.5:80", "http://10.0.0.6:80"]
    assert {backend["BACKEND"] for backend in backends.values()} == {
        "wagtail.contrib.frontend_cache.backends.HTTPBackend"}


def test_production_answers_the_proxys_plain_http_health_probe_and_redirects_the_rest(tmp_path):
    """Behind the TLS terminator the proxy probes /health/ over HTTP: a redirect to https
    would mark the app servers sick and every page would answer 503. (The health view asks
    the database for ``SELECT 1``: an empty SQLite file is enough.)"""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'health.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "wemi.example",
        "DJANGO_CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
    script = (
        "import sys; sys.path[:0] = ['site', '.']; import django; django.setup();"
        "from django.test import Client; c = Client(HTTP_HOST='wemi.example');"
        "print(c.get('/health/').status_code, c.get('/robots.txt').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120,
    )
    assert result.stdout.split() == ["200", "301"], result.stdout + result.stderr
