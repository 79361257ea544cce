"""Guessing passwords at the admin's sign-in: one account from one address is paused after five
failures, one address after twenty, for fifteen minutes; the page says the same whether the account
exists or not."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.home.editorial import make_user

LOGIN = "/admin/login/"
PASSWORD = "right horse battery 2021"
PAUSED = "Đăng nhập sai quá nhiều lần: việc đăng nhập tạm dừng trong 15 phút."


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(django_user_model):
    user = make_user(django_user_model, "tourism-contributor", "tourism", "contributors")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username, password, address="192.0.2.10", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def main_text(response):
    html = response.content.decode()
    main = re.search(r"<main.*?</main>", html, flags=re.DOTALL).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


@pytest.mark.parametrize("username", ["tourism-contributor", "no-such-user"])
def test_the_fifth_failure_pauses_signing_in_with_a_page_that_names_no_account(client, editor, username):
    for _attempt in range(4):
        response = sign_in(client, username, "wrong password")
        assert response.status_code == 200  # the sign-in form again, with its error
    paused = sign_in(client, username, "wrong password")
    assert paused.status_code == 429
    assert PAUSED in main_text(paused)
    assert username not in paused.content.decode()
    # Even the right password is refused while the pause lasts.
    assert sign_in(client, "tourism-contributor", PASSWORD).status_code == (429 if username == editor.username else 302)


def test_the_page_is_the_same_for_an_account_that_exists_and_one_that_does_not(client, editor):
    pages = []
    for username in ("tourism-contributor", "no-such-user"):
        for _attempt in range(5):
            response = sign_in(client, username, "wrong password")
        pages.append(main_text(response))
    assert pages[0] == pages[1]
    assert PAUSED in pages[0]


def test_the_account_still_signs_in_from_another_address(client, editor):
    for _attempt in range(5):
        sign_in(client, editor.username, "wrong password")
    assert sign_in(client, editor.username, PASSWORD).status_code == 429
    response = sign_in(client, editor.username, PASSWORD, address="198.51.100.7")
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_the_right_password_signs_in_once_the_pause_is_over(client, editor):
    for _attempt in range(5):
        sign_in(client, editor.username, "wrong password")
    assert sign_in(client, editor.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16))
    response = sign_in(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_address_trying_many_accounts_is_paused_for_every_account(client, editor):
    for number in range(20):  # four tries each of five accounts: no account reaches its own limit
        response = sign_in(client, f"guess-{number // 4}", "wrong password")
    assert response.status_code == 429
    assert sign_in(client, editor.username, PASSWORD).status_code == 429
    assert sign_in(client, editor.username, PASSWORD, address="198.51.100.7").status_code == 302


def test_behind_a_proxy_each_reader_address_is_counted_apart(client, editor, settings):
    settings.TRUSTED_PROXIES = 1
    reader, neighbour = (
        {"address": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"},
        {"address": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.6"},
    )
    for _attempt in range(5):
        sign_in(client, editor.username, "wrong password", **reader)
    assert sign_in(client, editor.username, PASSWORD, **reader).status_code == 429
    other = sign_in(client, editor.username, PASSWORD, **neighbour)
    assert other.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
