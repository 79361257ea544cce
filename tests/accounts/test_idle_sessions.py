"""A signed-in user who leaves the admin alone for SESSION_IDLE_MINUTES is signed out; an editor left
open (which pings the server by itself) does not keep the session alive."""

import time

import pytest
from django.urls import reverse

from accounts.middleware import LAST_ACTIVITY
from tests.home.editorial import make_user

HOME = reverse("wagtailadmin_home")


@pytest.fixture
def contributor(django_user_model):
    return make_user(django_user_model, "news-contributor", "editorial", "contributors")


def idle_for(client, minutes):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time() - minutes * 60)
    session.save()


def test_sessions_expire_after_the_idle_time_in_the_store_too(settings):
    assert settings.SESSION_IDLE_MINUTES == 60
    assert settings.SESSION_COOKIE_AGE == 60 * 60


def test_a_user_idle_longer_than_the_limit_is_signed_out(client, contributor):
    client.force_login(contributor)
    assert client.get(HOME).status_code == 200
    idle_for(client, 61)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("wagtailadmin_login"))
    assert "sau 60 phút không hoạt động" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_request_within_the_limit_keeps_the_session(client, contributor):
    client.force_login(contributor)
    client.get(HOME)
    idle_for(client, 59)
    assert client.get(HOME).status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY] < 60
    idle_for(client, 59)
    assert client.get(HOME).status_code == 200


def test_the_editors_own_pings_do_not_count_as_activity(client, contributor, site_tree):
    client.force_login(contributor)
    client.get(HOME)
    idle_for(client, 30)
    before = client.session[LAST_ACTIVITY]
    client.post(reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", site_tree.about.pk, 1)))
    assert client.session[LAST_ACTIVITY] == before
    idle_for(client, 61)
    client.post(reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", site_tree.about.pk, 1)))
    assert "_auth_user_id" not in client.session


def test_the_idle_time_comes_from_the_environment():
    from tests.portal.test_settings import run_python

    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings.test'; django.setup(); "
        "from django.conf import settings; print(settings.SESSION_IDLE_MINUTES, settings.SESSION_COOKIE_AGE, "
        "settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME)",
        SESSION_IDLE_MINUTES="30",
        AXES_FAILURE_LIMIT="3",
        AXES_ADDRESS_FAILURE_LIMIT="12",
        AXES_COOLOFF_MINUTES="45",
    )
    assert result.stdout.split() == ["30", "1800", "3", "12", "0:45:00"], result.stderr
