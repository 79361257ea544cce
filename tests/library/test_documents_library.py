"""The documents library: filters, exact number search, status and replacement links, the plan's link."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from library.models import DocumentIndexPage, DocumentReplacement, DocumentStatus, OfficialDocumentPage
from plans.models import Unit
from tests.conftest import LANGUAGES
from tests.factories import localized

TODAY = datetime.date.today()


def make_unit(key, vi, en):
    return Unit.objects.create(key=key, name_vi=vi, name_en=en, kind=Unit.Kind.CENTRAL)


def make_document(library, number, kind, body, issued, titles, publish=True, **facts):
    slug = number.lower().replace("/", "-").replace("đ", "d")
    document = OfficialDocumentPage(
        **localized("title", titles),
        **localized("slug", {code: slug for code in titles}),
        **localized("abstract", {code: f"{title}." for code, title in titles.items()}),
        number=number,
        document_type=kind,
        issuing_body=body,
        date_issued=issued,
        **facts,
    )
    library.add_child(instance=document)
    revision = document.save_revision()
    if publish:
        revision.publish()
    return document


@pytest.fixture
def library(site_tree):
    government = make_unit("chinh-phu", "Chính phủ", "The Government")
    province = make_unit("ubnd-tinh", "Ủy ban nhân dân tỉnh", "Provincial People's Committee")
    index = DocumentIndexPage(
        **localized("title", {"vi": "Văn bản", "en": "Documents", "lo": "ເອກະສານ", "km": "ឯកសារ"}),
        **localized("slug", {"vi": "van-ban", "en": "documents", "lo": "ekasan", "km": "aekasar"}),
    )
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    old = make_document(index, "43/2011/NĐ-CP", "decree", government, datetime.date(2011, 6, 13),
                        {"vi": "Nghị định về cổng thông tin cũ", "en": "Decree on portals, old"},
                        date_in_force=datetime.date(2011, 8, 1))
    new = make_document(index, "42/2022/NĐ-CP", "decree", government, datetime.date(2022, 6, 24),
                        {"vi": "Nghị định về cổng thông tin mới", "en": "Decree on portals, new"},
                        date_in_force=datetime.date(2022, 8, 1))
    new.replacements = [DocumentReplacement(replaced=old)]
    new.save_revision().publish()
    plan = make_document(index, "17/KH-UBND", "plan", province, datetime.date(2021, 1, 18),
                         {"vi": "Kế hoạch thông tin đối ngoại năm 2021", "en": "External information plan 2021"})
    expired = make_document(index, "5/QĐ-UBND", "decision", province, datetime.date(2020, 3, 2),
                            {"vi": "Quyết định đã hết hiệu lực", "en": "A decision no longer in force"},
                            expiry_date=datetime.date(2020, 12, 31))
    coming = make_document(index, "99/QĐ-UBND", "decision", province, TODAY,
                           {"vi": "Quyết định sắp có hiệu lực", "en": "A decision soon in force"},
                           date_in_force=TODAY + datetime.timedelta(days=30))
    return type("Library", (), {"index": index, "old": old, "new": new, "plan": plan, "expired": expired,
                                "coming": coming, "government": government, "province": province})


def numbers(client, query, language="vi"):
    response = client.get(f"/{language}/van-ban/" if language == "vi" else f"/{language}/documents/", query)
    assert response.status_code == 200
    return [document.number for document in response.context["documents"]]


def test_the_library_lists_every_published_document_newest_first(client, library):
    assert numbers(client, {}) == ["99/QĐ-UBND", "42/2022/NĐ-CP", "17/KH-UBND", "5/QĐ-UBND", "43/2011/NĐ-CP"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "decree"}, ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]),
        ({"type": "plan"}, ["17/KH-UBND"]),
        ({"year": "2021"}, ["17/KH-UBND"]),
        ({"status": "replaced"}, ["43/2011/NĐ-CP"]),
        ({"status": "expired"}, ["5/QĐ-UBND"]),
        ({"status": "not-yet-in-force"}, ["99/QĐ-UBND"]),
        ({"status": "in-force"}, ["42/2022/NĐ-CP", "17/KH-UBND"]),
        ({"type": "decision", "status": "expired"}, ["5/QĐ-UBND"]),
        ({"type": "plan", "year": "2022"}, []),
    ],
)
def test_filters_by_type_year_and_status(client, library, query, expected):
    assert numbers(client, query) == expected


def test_filter_by_issuing_body_offers_the_bodies_of_listed_documents(client, library):
    response = client.get("/en/documents/", {"body": library.government.pk})
    assert [d.number for d in response.context["documents"]] == ["42/2022/NĐ-CP", "43/2011/NĐ-CP"]
    html = response.content.decode()
    assert f'<option value="{library.government.pk}" selected>The Government</option>' in html
    assert "Provincial People&#x27;s Committee</option>" in html


def test_invalid_filter_values_are_left_out(client, library):
    assert len(numbers(client, {"type": "bogus", "year": "abc", "status": "<script>", "body": "999"})) == 5


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_choice_of_every_filter_lists_only_its_documents(client, library, language):
    statuses = {library.old: "replaced", library.new: "in-force", library.plan: "in-force",
                library.expired: "expired", library.coming: "not-yet-in-force"}  # fmt: skip
    matches = {
        "type": lambda document, value: document.document_type == value,
        "body": lambda document, value: str(document.issuing_body_id) == value,
        "year": lambda document, value: str(document.date_issued.year) == value,
        "status": lambda document, value: statuses[document] == value,
    }
    newest_first = sorted(statuses, key=lambda document: document.date_issued, reverse=True)
    filters = library.index.filter_choices()
    assert [name for name, _label, _choices in filters] == list(matches)
    with translation.override(language):
        url = library.index.get_url()
    for name, _label, choices in filters:
        for value, _choice_label in choices:
            response = client.get(url, {name: value})
            assert response.status_code == 200, (name, value)
            expected = [document.number for document in newest_first if matches[name](document, value)]
            assert [document.number for document in response.context["documents"]] == expected, (name, value)
            assert f'<option value="{value}" selected>' in response.content.decode()


@pytest.mark.parametrize("typed", ["42/2022/NĐ-CP", "42/2022/nđ-cp", "42/2022/ND-CP", " 42 / 2022 / NĐ - CP "])
def test_number_search_is_exact_whatever_the_case_spaces_or_diacritics(client, library, typed):
    assert numbers(client, {"number": typed}) == ["42/2022/NĐ-CP"]


@pytest.mark.parametrize("typed", ["42/2022", "2022", "NĐ-CP", "42/2022/NĐ-CP-X"])
def test_number_search_does_not_match_part_of_a_number(client, library, typed):
    response = Client().get("/vi/van-ban/", {"number": typed})
    assert list(response.context["documents"]) == []
    assert "Không có văn bản nào phù hợp" in response.content.decode()


def test_replacement_links_both_ways(client, library):
    old_html = client.get("/en/documents/43-2011-nd-cp/").content.decode()
    assert "Replaced by" in old_html and 'href="/en/documents/42-2022-nd-cp/">42/2022/NĐ-CP</a>' in old_html
    assert 'status--replaced">Replaced</span>' in old_html
    new_html = client.get("/en/documents/42-2022-nd-cp/").content.decode()
    assert "Replaces" in new_html and 'href="/en/documents/43-2011-nd-cp/">43/2011/NĐ-CP</a>' in new_html
    assert 'status--in-force">In force</span>' in new_html


def test_a_replacement_counts_only_once_the_replacing_document_is_published(client, library):
    draft = make_document(library.index, "1/QĐ-UBND", "decision", library.province, TODAY,
                          {"vi": "Quyết định thay thế (bản nháp)"}, publish=False)
    draft.replacements = [DocumentReplacement(replaced=library.plan)]
    draft.save_revision()
    assert OfficialDocumentPage.objects.get(pk=library.plan.pk).status == DocumentStatus.IN_FORCE
    assert "Replaced by" not in client.get("/vi/van-ban/17-kh-ubnd/").content.decode()
    draft.get_latest_revision().publish()
    assert OfficialDocumentPage.objects.get(pk=library.plan.pk).status == DocumentStatus.REPLACED
    assert "1/QĐ-UBND" in client.get("/vi/van-ban/17-kh-ubnd/").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_document_page_in_each_language(client, library, language):
    with translation.override(language):
        url = library.plan.get_url()
    html = client.get(url).content.decode()
    assert "17/KH-UBND" in html
    expected = {"vi": "Ngày ban hành", "en": "Date issued"}
    if language in expected:
        assert expected[language] in html
    if language in ("lo", "km"):  # not translated: the English text, marked as such
        assert '<article lang="en"' in html and "External information plan 2021" in html


def test_dates_and_self_replacement_are_validated(library):
    document = OfficialDocumentPage.objects.get(pk=library.plan.pk)
    document.date_in_force = datetime.date(2020, 1, 1)
    document.expiry_date = datetime.date(2020, 1, 1)
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert set(error.value.message_dict) >= {"date_in_force", "expiry_date"}
    with pytest.raises(ValidationError):
        DocumentReplacement(page=document, replaced=document).clean()


def test_the_number_is_found_by_the_site_search(client, library):
    response = client.get("/en/search/", {"q": "17/KH-UBND"})
    assert [result.page.specific.number for result in response.context["search_results"]][:1] == ["17/KH-UBND"]


def test_the_tracked_plan_and_its_library_page_link_to_each_other(client, library):
    from plans.models import Plan, PlanPage
    from tests.plans.test_import import import_file

    import_file()
    plan = Plan.objects.get(number="17/KH-UBND")
    plan.library_document = library.plan
    plan.full_clean()
    plan.save()
    page = PlanPage(**localized("title", {"vi": "Theo dõi kế hoạch"}), **localized("slug", {"vi": "theo-doi"}),
                    plan=plan)
    library.index.get_parent().add_child(instance=page)
    page.save_revision().publish()
    plan_html = client.get("/vi/theo-doi/").content.decode()
    assert '<a href="/vi/van-ban/17-kh-ubnd/">Kế hoạch trong thư viện văn bản</a>' in plan_html
    document_html = client.get("/vi/van-ban/17-kh-ubnd/").content.decode()
    assert '<a href="/vi/theo-doi/">Theo dõi việc thực hiện kế hoạch này</a>' in document_html
    plan.library_document = library.new
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "42/2022/NĐ-CP" in str(error.value.message_dict["library_document"])


def test_issuing_bodies_are_offered_in_vietnamese_order(client, library):
    office = make_unit("van-phong-chinh-phu", "Văn phòng Chính phủ", "Government Office")
    make_document(library.index, "1/TB-VPCP", "notice", office, datetime.date(2021, 1, 5),
                  {"vi": "Thông báo mẫu", "en": "A sample notice"})  # fmt: skip
    choices = dict((name, options) for name, _label, options in client.get("/vi/van-ban/").context["filters"])
    assert [label for _value, label in choices["body"]] == ["Chính phủ", "Ủy ban nhân dân tỉnh", "Văn phòng Chính phủ"]
