"""Delegations received and sent, logged by the external relations desk and reported by year."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import Unit
from press.models import Delegation
from tests.plans.test_import import import_file

DESK = "Đối ngoại: Đoàn ra, đoàn vào"


@pytest.fixture
def delegations(db):
    import_file()
    host = Unit.objects.get(key="so-vhttdl")
    for direction, day, country, partner, members in (
        ("incoming", datetime.date(2021, 4, 10), "Lào", "Sở Văn hóa tỉnh mẫu (Lào)", "Ông A\nBà B\nÔng C"),
        ("outgoing", datetime.date(2021, 8, 2), "Campuchia", "Tỉnh mẫu (Campuchia)", "Ông D\nBà E"),
        ("incoming", datetime.date(2021, 11, 20), "Lào", "Đoàn sinh viên mẫu (Lào)", "Anh F"),
        ("incoming", datetime.date(2022, 1, 5), "Nhật Bản", "Doanh nghiệp mẫu", "Ông G"),
    ):
        Delegation.objects.create(direction=direction, starts=day, ends=day + datetime.timedelta(days=2),
                                  partner_country=country, partner=partner, head=members.splitlines()[0],
                                  members=members, purpose="Giao lưu, hợp tác (dữ liệu mẫu).", host_unit=host)


def desk_client(client):
    person = get_user_model().objects.create_user("relations", "relations@example.org", "pw")
    person.groups.add(Group.objects.get(name=DESK))
    client.force_login(person)
    return client


def test_the_year_report_counts_by_country_and_direction(client, delegations):
    response = desk_client(client).get(reverse("delegation_report"), {"year": 2021})
    assert response.status_code == 200
    assert response.context["by_country"] == [("Campuchia", [0, 1]), ("Lào", [2, 0])]
    assert [d.partner for d in response.context["object_list"]] == [
        "Sở Văn hóa tỉnh mẫu (Lào)", "Tỉnh mẫu (Campuchia)", "Đoàn sinh viên mẫu (Lào)"]
    export = client.get(reverse("delegation_report"), {"year": 2021, "export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[1][6] == 3  # heading, three delegations; the first has three members


def test_the_desk_logs_a_delegation_and_bad_dates_are_refused(client, delegations):
    desk_client(client)
    data = {"direction": "outgoing", "starts": "2021-10-10", "ends": "2021-10-08", "partner_country": "Lào",
            "partner": "Tỉnh mẫu", "head": "Ông H", "members": "Ông H", "purpose": "Xúc tiến du lịch",
            "host_unit": Unit.objects.get(key="so-vhttdl").pk}
    refused = client.post(reverse("delegations:add"), data)
    assert refused.status_code == 200
    assert "Chuyến thăm không thể kết thúc trước khi bắt đầu." in refused.content.decode()
    assert client.post(reverse("delegations:add"), {**data, "ends": "2021-10-12"}).status_code == 302
    assert Delegation.objects.filter(starts__year=2021).count() == 4
    with pytest.raises(ValidationError):
        Delegation(**{**{k: v for k, v in data.items() if k != "host_unit"}, "members": " \n "}).clean()


def test_staff_outside_the_desk_cannot_log_or_read_delegations(client, delegations):
    person = get_user_model().objects.create_user("writer", "writer@example.org", "pw")
    person.groups.add(Group.objects.get(name="Kế hoạch TTĐN: Cán bộ đơn vị"))
    client.force_login(person)
    for url in (reverse("delegation_report"), reverse("delegations:index"), reverse("delegations:add")):
        assert client.get(url).status_code == 302, url


def test_countries_are_counted_in_vietnamese_order(client, delegations):
    day, host = datetime.date(2021, 5, 1), Unit.objects.get(key="so-vhttdl")
    for country in ("Đức", "Thái Lan"):
        Delegation.objects.create(direction="incoming", starts=day, ends=day, partner_country=country,
                                  partner="Đối tác mẫu", head="Ông K", members="Ông K",
                                  purpose="Giao lưu (dữ liệu mẫu).", host_unit=host)  # fmt: skip
    response = desk_client(client).get(reverse("delegation_report"), {"year": 2021})
    assert [country for country, _counts in response.context["by_country"]] == ["Campuchia", "Đức", "Lào", "Thái Lan"]


@pytest.mark.parametrize("year", ["-1", "0", "99999999999", "99999999999999999999", "1e5", "2021.5", "²"])
def test_a_year_that_is_no_year_shows_this_years_report(client, delegations, year):
    response = desk_client(client).get(reverse("delegation_report"), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == datetime.date.today().year


@pytest.mark.parametrize("year", ["-1", "0", "99999999999", "99999999999999999999", "1e5"])
def test_the_delegation_list_filters_by_year_without_an_error(client, delegations, year):
    client = desk_client(client)
    assert client.get(reverse("delegations:index"), {"starts__year": 2021}).context["object_list"].count() == 3
    response = client.get(reverse("delegations:index"), {"starts__year": year})
    assert response.status_code == 200
