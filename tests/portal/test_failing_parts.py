"""When a part the site leans on fails (Redis, the database server), readers get pages or a quick
error page, not a hang or a 500 on every page; and it all comes back when the part does."""

import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import cache

from portal.settings.base import redis_cache
from tests.portal.test_settings import BASE_DIR
from tests.press.forms import VALID
from tests.servers import needs_redis_server


def use_redis(settings, port):
    """The cache as the settings make it from REDIS_URL."""
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{port}/15")}


def reader_visit(client, site_tree, press_form):
    """Status codes of a reader's pages: home, a page, search, suggest, sitemap, and a form sent."""
    pages = ["/en/", "/en/about/", "/en/search/?q=province", "/en/search/suggest/?q=abo", "/sitemap.xml"]
    codes = [client.get(path).status_code for path in pages]
    sent = client.post("/en/press-registration/", VALID)
    return codes + [sent.status_code], "We answer within three working days." in sent.content.decode()


@pytest.mark.parametrize("down", ["refused", "silent"])
def test_with_redis_down_or_hanging_every_page_and_form_still_serves(
    client, site_tree, press_form, settings, refused_port, silent_server, down
):
    use_redis(settings, refused_port if down == "refused" else silent_server.port)
    codes, thanked = reader_visit(client, site_tree, press_form)
    assert codes == [200] * 6 and thanked


@needs_redis_server
def test_the_cache_comes_back_when_redis_does(client, site_tree, press_form, settings, redis_server):
    use_redis(settings, redis_server.port)
    assert cache.set("probe", "up") is not False and cache.get("probe") == "up"
    redis_server.stop()
    codes, _thanked = reader_visit(client, site_tree, press_form)
    assert codes == [200] * 6 and cache.get("probe") is None
    redis_server.start()
    cache.set("probe", "back")
    assert cache.get("probe") == "back"


def test_a_failing_cache_is_logged_once_a_minute_not_on_every_call(capfd):
    from portal.logs import OncePerMinute

    logger = logging.getLogger("tests.once-a-minute")
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(OncePerMinute())
    logger.addHandler(handler)
    try:
        for _ in range(100):
            logger.error("Redis is down")
        assert capfd.readouterr().err.count("Redis is down") == 1
    finally:
        logger.removeHandler(handler)


def test_a_database_server_that_never_answers_fails_the_request_within_seconds(silent_server):
    """The web process (portal.wsgi) gives up on connecting after DATABASE_CONNECT_TIMEOUT seconds and
    shows the error page, instead of holding the worker."""
    code = (
        "import time; from django.test import Client; import portal.wsgi; start = time.monotonic(); "
        "response = Client(raise_request_exception=False).get('/en/', HTTP_HOST='localhost', secure=True); "
        "print(response.status_code, round(time.monotonic() - start))"
    )
    environment = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k8Jp2VxQ7rTn4ZyLw9HbCs3FgDm6NaUe1RoKiXtPqYv5BjWcEhMzAuSfGlOdIr0T",
        FORM_DATA_KEY="sjdx8nrmyxQuEC0lHf--gWifIIDynfF8V10RZj_Bzt0=",
        DATABASE_URL=f"postgres://portal@127.0.0.1:{silent_server.port}/portal",
        DATABASE_CONNECT_TIMEOUT="2",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    status, seconds = result.stdout.split()
    assert status == "500" and int(seconds) <= 5, result.stderr[-2000:]


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="a PostgreSQL setting")
@pytest.mark.parametrize(("web", "expected"), [(True, "statement timeout"), (False, "finished")])
def test_on_postgresql_a_web_request_cannot_hold_a_statement_but_commands_can(web, expected):
    sleep = (
        "from django.db import connection; cursor = connection.cursor(); "
        "exec('try:\\n cursor.execute(\"SELECT pg_sleep(2)\"); print(\"finished\")\\n"
        "except Exception as error:\\n print(error)')"
    )
    code = ("import portal.wsgi; " if web else "import django; django.setup(); ") + sleep
    environment = {key: value for key, value in os.environ.items() if key != "PORTAL_WEB_PROCESS"}
    environment.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k8Jp2VxQ7rTn4ZyLw9HbCs3FgDm6NaUe1RoKiXtPqYv5BjWcEhMzAuSfGlOdIr0T",
        FORM_DATA_KEY="sjdx8nrmyxQuEC0lHf--gWifIIDynfF8V10RZj_Bzt0=",
        DATABASE_STATEMENT_TIMEOUT="500",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )
    assert expected in result.stdout, result.stderr[-2000:]
