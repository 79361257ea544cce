"""The foreign press registration form, as the tests use it (`press_form` is a fixture for every test)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from press.models import ForeignPressRegistrationPage
from tests.factories import localized

DESK = "Báo chí nước ngoài: Tiếp nhận đăng ký"
TOMORROW = datetime.date.today() + datetime.timedelta(days=1)
VALID = {
    "full_name": "Somchai Phommavong", "outlet": "Sample Mekong Times", "country": "Laos",
    "document_number": "P1234567", "arrival": TOMORROW.isoformat(),
    "departure": (TOMORROW + datetime.timedelta(days=3)).isoformat(), "places": "Ba Bể",
    "topics": "Tourism; Vietnam–Laos friendship", "email": "somchai@example.org", "phone": "+856 20 5555 1234",
    "consent": "on",
}  # fmt: skip


def user(name, group=None, **extra):
    person = get_user_model().objects.create_user(name, f"{name}@example.org", "pw", **extra)
    if group:
        person.groups.add(Group.objects.get(name=group))
    return person


@pytest.fixture
def press_form(site_tree):
    page = ForeignPressRegistrationPage(
        **localized("title", {"vi": "Đăng ký hoạt động báo chí", "en": "Register your reporting"}),
        **localized("slug", {"vi": "dang-ky-bao-chi", "en": "press-registration"}),
        **localized("thank_you", {"vi": "Chúng tôi sẽ trả lời trong 3 ngày làm việc.",
                                  "en": "We answer within three working days."}),
        handling_group=Group.objects.get(name=DESK),
    )  # fmt: skip
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    return page
