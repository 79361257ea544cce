"""Approvers, the plan's coordinators and administrators give a code from an authenticator app at
every sign-in, and set the app up at their first; the other roles may turn it on."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from tests.accounts.totp import code
from tests.home.editorial import make_user

HOME = reverse("wagtailadmin_home")
SETUP = reverse("accounts_two_factor_setup")
VERIFY = reverse("accounts_two_factor_verify")
PASSWORD = "right horse battery 2021"


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code, then at once the right one


@pytest.fixture
def approver(django_user_model):
    return make_user(django_user_model, "news-approver", "editorial", "approvers")


@pytest.fixture
def contributor(django_user_model):
    return make_user(django_user_model, "news-contributor", "editorial", "contributors")


def set_up(client, user):
    client.force_login(user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(SETUP, {"code": code(device), "next": HOME}).status_code == 302
    return TOTPDevice.objects.get(user=user)


def test_an_approver_is_sent_to_set_up_the_app_from_every_admin_page(client, approver):
    client.force_login(approver)
    for url in (HOME, reverse("wagtailadmin_explore_root"), reverse("wagtailadmin_account")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"
    assert client.post(reverse("wagtailadmin_explore_root")).status_code == 302


def test_the_setup_page_shows_a_qr_code_and_the_key_and_turns_on_with_a_right_code(client, approver):
    client.force_login(approver)
    page = client.get(f"{SETUP}?next={HOME}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=approver, confirmed=False)
    key = device.config_url.split("secret=")[1].split("&")[0]
    assert key in html.replace(" ", "")
    assert key in client.get(SETUP).content.decode().replace(" ", "")  # reloading keeps the same key

    wrong = client.post(SETUP, {"code": "000000" if code(device) != "000000" else "111111", "next": HOME})
    assert wrong.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get(HOME).status_code == 302

    right = client.post(SETUP, {"code": code(device), "next": HOME})
    assert right.status_code == 302 and right["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert TOTPDevice.objects.get(user=approver).confirmed


def test_every_later_sign_in_asks_for_a_code_and_refuses_a_wrong_one(client, approver):
    approver.set_password(PASSWORD)
    approver.save()
    device = set_up(client, approver)
    client.logout()

    response = client.post(reverse("wagtailadmin_login"), {"username": approver.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(HOME)["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # a password alone cannot replace the app
    wrong = client.post(VERIFY, {"code": "12345x", "next": HOME})
    assert wrong.status_code == 200 and client.get(HOME).status_code == 302
    right = client.post(VERIFY, {"code": code(device, later=30), "next": HOME})
    assert right.status_code == 302 and right["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_code_is_accepted_only_once(client, approver):
    client.force_login(approver)
    client.get(SETUP)
    used = code(TOTPDevice.objects.get(user=approver))
    client.post(SETUP, {"code": used})
    client.logout()
    client.force_login(approver)
    assert client.post(VERIFY, {"code": used}).status_code == 200
    assert client.get(HOME).status_code == 302


def test_a_user_who_gave_only_the_password_can_sign_out(client, approver):
    client.force_login(approver)
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_public_site_does_not_know_an_approver_before_their_code(client, approver, site_tree):
    PageViewRestriction.objects.create(page=site_tree.about, restriction_type=PageViewRestriction.LOGIN)
    url = "/vi/gioi-thieu/"
    client.force_login(approver)
    assert client.get(url).status_code == 302  # to the sign-in page, as for a reader
    set_up(client, approver)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "group", ["Kế hoạch TTĐN: Điều phối", "Quản trị hệ thống", "Sở Công Thương: Lãnh đạo duyệt", None]
)
def test_coordinators_administrators_and_superusers_need_it_too(client, django_user_model, group):
    if group:
        user = django_user_model.objects.create_user("someone", "s@example.gov.vn", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    else:
        user = django_user_model.objects.create_superuser("root", "root@example.gov.vn", PASSWORD)
    client.force_login(user)
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_a_contributor_signs_in_with_the_password_alone(client, contributor):
    client.force_login(contributor)
    assert client.get(HOME).status_code == 200


def test_a_contributor_may_turn_it_on_then_off(client, contributor):
    client.force_login(contributor)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("accounts_two_factor") in account
    page = client.get(reverse("accounts_two_factor")).content.decode()
    assert SETUP in page

    device = set_up(client, contributor)
    client.logout()
    client.force_login(contributor)
    assert client.get(HOME)["Location"].startswith(VERIFY)  # asked at every sign-in once turned on
    client.post(VERIFY, {"code": code(device, later=30)})
    assert client.get(HOME).status_code == 200

    client.post(reverse("accounts_two_factor"))
    assert not TOTPDevice.objects.filter(user=contributor).exists()
    client.logout()
    client.force_login(contributor)
    assert client.get(HOME).status_code == 200


def test_an_approver_cannot_turn_it_off(client, approver):
    set_up(client, approver)
    client.post(reverse("accounts_two_factor"))
    assert TOTPDevice.objects.filter(user=approver, confirmed=True).exists()


def test_setting_up_another_phone_replaces_the_first(client, approver):
    first = set_up(client, approver)
    client.get(SETUP)
    second = TOTPDevice.objects.get(user=approver, confirmed=False)
    client.post(SETUP, {"code": code(second, later=30)})
    assert list(TOTPDevice.objects.filter(user=approver)) == [second]
    assert second.pk != first.pk


def test_without_the_requirement_an_approver_is_not_asked(client, approver, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(approver)
    assert client.get(HOME).status_code == 200


def test_a_site_administrator_removes_a_lost_phone(client, approver):
    from django.core.management import call_command

    set_up(client, approver)
    call_command("reset_two_factor", approver.username)
    client.logout()
    client.force_login(approver)
    assert client.get(HOME)["Location"].startswith(SETUP)
