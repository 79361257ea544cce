"""Two staff edit the same press record: saving a form loaded before the other's save is refused, naming what the
other changed, instead of silently undoing it; the refused form keeps its input."""

import datetime
import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from news.models import Topic
from plans.models import Unit
from press.models import Coverage, Delegation, Outlet
from tests.plans.test_import import import_file

PRESS_STAFF = "Báo chí: Theo dõi và phản hồi"
DELEGATIONS_DESK = "Đối ngoại: Đoàn ra, đoàn vào"


def form_data(response):
    """What the browser posts back from the edit form as rendered, untouched."""
    data = {}
    for name, field in response.context["form"].fields.items():
        value = response.context["form"][name].value()
        if value is None or value is False:
            continue
        data[name] = field.widget.format_value(value) if isinstance(value, datetime.date) else value
    return data


def records():
    import_file()
    outlet = Outlet.objects.create(name="Vientiane Times", country="Lào")
    coverage = Coverage.objects.create(
        outlet=outlet, published_on=datetime.date(2021, 3, 10), title="Bài về hồ Ba Bể",
        url="https://example.org/ba-be", tone="positive", topic=Topic.objects.create(name_vi="Du lịch", slug="du-lich"),
    )  # fmt: skip
    day = datetime.date(2021, 4, 10)
    delegation = Delegation.objects.create(
        direction="incoming", starts=day, ends=day, partner_country="Lào", partner="Sở Văn hóa tỉnh mẫu (Lào)",
        head="Ông A", members="Ông A", purpose="Giao lưu (dữ liệu mẫu).", host_unit=Unit.objects.get(key="so-vhttdl"),
    )  # fmt: skip
    return {"press_outlets": outlet, "press_coverage": coverage, "delegations": delegation}


@pytest.mark.parametrize(
    "viewset, group, theirs, mine, label",
    [
        ("press_outlets", PRESS_STAFF, {"country": "CHDCND Lào"}, {"website": "https://vientianetimes.la"}, "country"),
        ("press_coverage", PRESS_STAFF, {"title": "Bài về hồ Ba Bể (sửa)"}, {"summary": "Tóm tắt của B."}, "title"),
        ("delegations", DELEGATIONS_DESK, {"head": "Bà B"}, {"results": "Ký biên bản ghi nhớ."}, "head"),
    ],
)
def test_a_stale_press_form_is_refused_naming_what_the_other_changed(
    db, client_factory, viewset, group, theirs, mine, label
):
    record = records()[viewset]
    url = reverse(f"{viewset}:edit", args=[record.pk])
    a, b = client_factory(group, "a"), client_factory(group, "b")
    a_form, b_form = form_data(a.get(url)), form_data(b.get(url))
    assert "loaded_version" in b_form

    assert a.post(url, {**a_form, **theirs}).status_code == 302
    response = b.post(url, {**b_form, **mine})
    assert response.status_code == 200  # the form again, not saved
    page_html = html.unescape(response.content.decode())
    assert "Người khác đã lưu" in page_html and "Họ đã thay đổi:" in page_html
    field_name = str(type(record)._meta.get_field(label).verbose_name)
    assert field_name in page_html.split("Họ đã thay đổi:", 1)[1].split(".", 1)[0]
    assert all(f"{value}" in page_html for value in mine.values())  # B's input is kept
    record.refresh_from_db()
    assert all(getattr(record, name) == value for name, value in theirs.items())
    assert all(getattr(record, name) != value for name, value in mine.items())

    # Saved again from the form shown with the refusal, B's version replaces A's, knowingly.
    assert b.post(url, {**form_data(response), **mine}).status_code == 302
    record.refresh_from_db()
    assert all(getattr(record, name) == value for name, value in mine.items())


@pytest.fixture
def client_factory():
    def make(group, name):
        person = get_user_model().objects.create_user(name, f"{name}@example.gov.vn", "pw")
        person.groups.add(Group.objects.get(name=group))
        browser = Client()
        browser.force_login(person)
        return browser

    return make
