"""Press releases with the spokesperson's contact, press conferences as evidence for their task,
and clarifications that answer logged coverage once approved and published."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.models import Site

from home.models import PortalSettings
from news.models import Topic
from plans.models import Plan, Unit
from press.models import Coverage, Outlet, ResponseStatus
from promotion.models import EventPage
from tests.factories import localized, make_article, make_section
from tests.plans.test_import import import_file
from tests.promotion.test_tourism_and_events import district, events_index  # noqa: F401 (fixtures)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def spokesperson(site_tree):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.portal_name = "Cổng"
    portal.spokesperson_name_vi = "Người phát ngôn mẫu"
    portal.spokesperson_phone = "0209 000 001"
    portal.spokesperson_email = "phatngon@example.org"
    portal.save()


def test_press_releases_show_the_spokespersons_contact(client, site_tree, spokesperson):
    releases = make_section(site_tree.home, {"vi": "Thông cáo báo chí"}, {"vi": "thong-cao"})
    releases.press_releases = True
    releases.save_revision().publish()
    news = make_section(site_tree.home, {"vi": "Tin tức"}, {"vi": "tin-tuc"})
    make_article(releases, {"vi": "Thông cáo số 1"}, {"vi": "thong-cao-1"}, datetime.date(2021, 5, 1))
    make_article(news, {"vi": "Tin thường"}, {"vi": "tin-thuong"}, datetime.date(2021, 5, 1))
    for path in ("/vi/thong-cao/", "/vi/thong-cao/thong-cao-1/"):
        html = client.get(path).content.decode()
        assert 'aria-labelledby="press-contact"' in html and 'href="mailto:phatngon@example.org"' in html, path
    for path in ("/vi/tin-tuc/", "/vi/tin-tuc/tin-thuong/"):
        assert 'aria-labelledby="press-contact"' not in client.get(path).content.decode(), path


def conference(index, district, **values):  # noqa: F811
    start = datetime.datetime(2021, 6, 25, 9, tzinfo=HANOI)
    event = EventPage(
        **localized("title", {"vi": "Họp báo quý II", "en": "Second-quarter press conference"}),
        **localized("slug", {"vi": "hop-bao-quy-2", "en": "press-conference-q2"}),
        **localized("summary", {"vi": "Họp báo định kỳ (dữ liệu mẫu).", "en": "Regular press conference (sample)."}),
        **localized("agenda", {"vi": "Kết quả 6 tháng\nDu lịch mùa thu", "en": "Six-month results\nAutumn tourism"}),
        start=start, end=start + datetime.timedelta(hours=2), category="press-conference", district=district,
        latitude="22.14", longitude="105.83", **values,
    )  # fmt: skip
    index.add_child(instance=event)
    return event


def test_a_press_conference_says_whether_it_is_regular(events_index, district):  # noqa: F811
    with pytest.raises(ValidationError) as error:
        conference(events_index, district)
    assert "press_conference" in error.value.message_dict
    event = EventPage(**localized("title", {"vi": "Lễ hội"}), **localized("slug", {"vi": "le-hoi"}),
                      summary_vi="x", category="festival", press_conference="regular",
                      start=datetime.datetime(2021, 1, 1, tzinfo=HANOI),
                      end=datetime.datetime(2021, 1, 2, tzinfo=HANOI))
    with pytest.raises(ValidationError) as error:
        events_index.add_child(instance=event)
    assert "press_conference" in error.value.message_dict


def test_a_press_conference_is_in_the_calendar_with_topics_and_materials_and_is_evidence(
    client, events_index, district  # noqa: F811
):
    import_file()
    plan = Plan.objects.get(number="17/KH-UBND")
    plan.press_conference_task = plan.tasks.get(code="5.2")
    plan.save()
    material = get_document_model().objects.create(title="Thông cáo báo chí quý II (mẫu)", file="press/q2.pdf")
    event = conference(events_index, district, press_conference="regular")
    event.materials.create(document=material)
    event.save_revision().publish()
    assert event.plan_task == plan.press_conference_task
    assert list(plan.press_conference_task.evidence_pages()) == [event]
    html = client.get("/en/events/press-conference-q2/").content.decode()
    assert "Regular (quarterly)" in html and "<li>Six-month results</li>" in html
    assert "Thông cáo báo chí quý II (mẫu)</a> (PDF)" in html
    listing = client.get("/en/events/?when=past").content.decode()
    assert "Second-quarter press conference" in listing
    assert "SUMMARY:Second-quarter press conference" in client.get("/en/events/calendar/").content.decode()


def test_a_clarification_answers_its_coverage_only_once_published(client, site_tree):
    import_file()
    item = Coverage.objects.create(
        outlet=Outlet.objects.create(name="Báo mẫu", country="Việt Nam"), published_on=datetime.date(2021, 3, 2),
        title="Thông tin chưa đúng về dự án (mẫu)", url="https://example.org/sai", language="vi", tone="negative",
        topic=Topic.objects.create(name="Đầu tư", slug="dau-tu"), needs_response=True,
        responding_unit=Unit.objects.get(key="so-khdt"), response_status=ResponseStatus.AWAITING,
    )  # fmt: skip
    releases = make_section(site_tree.home, {"vi": "Thông cáo báo chí"}, {"vi": "thong-cao"})
    article = make_article(releases, {"vi": "Làm rõ thông tin về dự án"}, {"vi": "lam-ro"}, datetime.date(2021, 3, 5))
    assert article.get_workflow() is not None  # editors submit it for approval like any page
    article.responds_to.set([item])
    article.save_revision()
    item.refresh_from_db()
    assert item.response_status == ResponseStatus.AWAITING
    article.get_latest_revision().publish()  # the approver's last step publishes it
    item.refresh_from_db()
    assert item.response_status == ResponseStatus.ANSWERED and item.responded_on == datetime.date.today()
    assert "/vi/thong-cao/lam-ro/" in item.response_note
    item.full_clean()
    html = client.get("/vi/thong-cao/lam-ro/").content.decode()
    assert '<a href="https://example.org/sai" rel="noopener noreferrer">Thông tin chưa đúng về dự án (mẫu)</a>' in html


def test_a_clarification_goes_through_both_approval_steps_before_it_answers(site_tree, django_user_model):
    from tests.home.editorial import client_for, make_sections, make_user, workflow_action

    import_file()
    item = Coverage.objects.create(
        outlet=Outlet.objects.create(name="Báo mẫu", country="Việt Nam"), published_on=datetime.date(2021, 3, 2),
        title="Thông tin chưa đầy đủ (mẫu)", language="vi", tone="negative",
        topic=Topic.objects.create(name="Đầu tư", slug="dau-tu"), needs_response=True,
        responding_unit=Unit.objects.get(key="so-khdt"), response_status=ResponseStatus.AWAITING,
    )  # fmt: skip
    sections, _leaves = make_sections(site_tree.home)
    people = {role: make_user(django_user_model, role, "editorial", role) for role in ("contributors", "reviewers",
                                                                                        "approvers")}
    article = make_article(sections["editorial"], {"vi": "Làm rõ thông tin"}, {"vi": "lam-ro"},
                           datetime.date(2021, 3, 5))
    article.unpublish()
    article.responds_to.set([item])
    article.save_revision(user=people["contributors"])
    article.get_workflow().start(article, people["contributors"])
    workflow_action(client_for(people["reviewers"]), article, "approve")
    item.refresh_from_db()
    assert item.response_status == ResponseStatus.AWAITING  # reviewed, not yet approved and published
    workflow_action(client_for(people["approvers"]), article, "approve")
    item.refresh_from_db()
    assert item.response_status == ResponseStatus.ANSWERED and "/lam-ro/" in item.response_note
