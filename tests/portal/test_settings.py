"""Configuration comes from the environment, and production refuses to run insecurely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.skips import needs

BASE_DIR = Path(__file__).resolve().parents[2]
GOOD_KEY = "k8Jp2VxQ7rTn4ZyLw9HbCs3FgDm6NaUe1RoKiXtPqYv5BjWcEhMzAuSfGlOdIr0T"
FORM_DATA_KEY = "sjdx8nrmyxQuEC0lHf--gWifIIDynfF8V10RZj_Bzt0="  # a Fernet key (home/personal_data.py)


def run_python(code, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "FORM_DATA_KEY", "DATABASE_URL", "REDIS_URL")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def manage(*args, **env):
    return run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['manage.py', *{list(args)!r}])",
        **env,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="changeme")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("form_data_key", [None, "not-a-fernet-key", "the development key", f"{FORM_DATA_KEY},x"])
def test_production_refuses_to_start_without_a_key_for_the_personal_data_of_forms(settings, form_data_key):
    form_data_key = {"the development key": settings.NON_SECRET_FORM_DATA_KEY}.get(form_data_key, form_data_key)
    env = {"FORM_DATA_KEY": form_data_key} if form_data_key else {}
    result = manage("check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY=GOOD_KEY, **env)
    assert result.returncode != 0
    assert "FORM_DATA_KEY must be set" in result.stderr


def test_check_deploy_reports_nothing_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=GOOD_KEY,
        FORM_DATA_KEY=FORM_DATA_KEY,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "django.db.backends.sqlite3 db.sqlite3"),
        (
            {"DATABASE_URL": "postgres://portal:secret@db.example.org:5432/portal"},
            "django.db.backends.postgresql portal",
        ),
    ],
)
def test_database_comes_from_database_url(env, expected):
    result = run_python(
        "from django.conf import settings; import django; django.setup(); "
        "db = settings.DATABASES['default']; print(db['ENGINE'], str(db['NAME']).rsplit('/', 1)[-1])",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        **env,
    )
    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "django.core.cache.backends.locmem.LocMemCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/1"}, "django_redis.cache.RedisCache"),
    ],
)
def test_cache_comes_from_redis_url(env, expected):
    result = run_python(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        **env,
    )
    assert result.stdout.strip() == expected, result.stderr


def test_allowed_hosts_and_email_come_from_the_environment():
    result = run_python(
        "from django.conf import settings; print(settings.ALLOWED_HOSTS, settings.EMAIL_HOST, settings.EMAIL_PORT)",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        ALLOWED_HOSTS="a.example.org, b.example.org",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
    )
    assert result.stdout.strip() == "['a.example.org', 'b.example.org'] smtp.example.org 587"


def test_elasticsearch_backend_is_used_only_when_configured():
    code = (
        "from django.conf import settings; b = settings.WAGTAILSEARCH_BACKENDS; "
        "print(b['default']['BACKEND'], b['default'].get('INDEX_PREFIX'), sorted(b))"
    )
    plain = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    elastic = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.dev", ELASTICSEARCH_URL="http://127.0.0.1:9200")
    assert plain.stdout.strip() == "search.database None ['default']"
    # With Elasticsearch the database index is kept too, for readers' searches to fall back on.
    assert elastic.stdout.strip() == "search.backends portal_ ['database', 'default']"


def test_public_pages_send_security_headers(client, site_tree):
    response = client.get("/vi/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_have_no_inline_script_or_style(client, site_tree):
    html = client.get("/en/about/").content.decode()
    assert "<script>" not in html and "style=" not in html and "<style" not in html


REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def redis_is_running():
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(REDIS_TEST_URL)
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((address.hostname, address.port or 6379)) == 0


# CI starts its own Redis (.ci/run): there the test must run, not be skipped.
@pytest.mark.skipif(
    not os.environ.get("CI") and not redis_is_running(),
    reason=needs("Redis", f"a Redis server at {REDIS_TEST_URL} (REDIS_TEST_URL), e.g. apt-get install redis-server"),
)
def test_redis_cache_is_shared_between_processes():
    env = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "REDIS_URL": REDIS_TEST_URL}
    setup = "import django; django.setup(); from django.core.cache import cache; "
    written = run_python(setup + "cache.set('portal-test', 'Bắc Kạn', 30); print('ok')", **env)
    read = run_python(setup + "print(cache.get('portal-test')); cache.delete('portal-test')", **env)
    assert written.stdout.strip() == "ok", written.stderr
    assert read.stdout.strip() == "Bắc Kạn", read.stderr
