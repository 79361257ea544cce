"""All languages share one revision: each language's readiness and staleness, and the report of them."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from home.models import StandardPage
from tests.conftest import LANGUAGES
from tests.home.editorial import client_for, make_sections
from tests.home.test_admin_editing import page_form_data


@pytest.fixture
def editor(admin_client):
    return admin_client


def about_form(site_tree, ready, **changes):
    about = StandardPage.objects.get(pk=site_tree.about.pk).get_latest_revision_as_object()
    titles = {code: getattr(about, f"title_{code}") or "" for code in LANGUAGES}
    slugs = {code: getattr(about, f"slug_{code}") or "" for code in LANGUAGES}
    summaries = {"vi": "Tỉnh miền núi.", "en": "A mountain province.", "lo": "ແຂວງພູດອຍ.", "km": "ខេត្តភ្នំ។"}
    summaries.update(changes.pop("summaries", {}))
    confirmed = changes.pop("confirmed_languages", [])
    data = page_form_data(titles={**titles, **changes.pop("titles", {})}, slugs=slugs, summaries=summaries, **changes)
    return {**data, "ready_languages": ready, "confirmed_languages": confirmed}


def edit_about(editor, site_tree, ready, **changes):
    url = reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])
    response = editor.post(url, about_form(site_tree, ready, **changes))
    assert response.status_code == 302, response.context["form"].errors
    return StandardPage.objects.get(pk=site_tree.about.pk)


def test_a_language_not_ready_is_not_offered_and_readers_get_the_fallback(editor, client, site_tree):
    edit_about(editor, site_tree, ready=["en", "km"], titles={"lo": "ກ່ຽວກັບ (ຮ່າງ)"}, **{"action-publish": "1"})
    lao = client.get("/lo/kiaw-kap/").content.decode()
    assert "ກ່ຽວກັບ (ຮ່າງ)" not in lao and "<h1>About</h1>" in lao  # English, the Lao fallback
    assert 'hreflang="lo"' not in lao and 'hreflang="km"' in lao
    assert "/lo/kiaw-kap/" not in client.get("/sitemap.xml").content.decode()
    # The draft Lao text is kept for the translator, in the revision the editor opens.
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])).content.decode()
    assert "ກ່ຽວກັບ (ຮ່າງ)" in html

    edit_about(editor, site_tree, ready=["en", "lo", "km"], **{"action-publish": "1"})
    assert "<h1>ກ່ຽວກັບ (ຮ່າງ)</h1>" in client.get("/lo/kiaw-kap/").content.decode()


def test_a_language_cannot_be_ready_without_its_title(editor, site_tree):
    url = reverse("wagtailadmin_pages:edit", args=[site_tree.plan.pk])
    plan = StandardPage.objects.get(pk=site_tree.plan.pk)
    titles = {"vi": plan.title_vi, "en": plan.title_en}
    data = page_form_data(titles=titles, slugs={"vi": "ke-hoach", "en": "plan"})
    data["ready_languages"] = ["en", "km"]
    response = editor.post(url, data)
    assert response.status_code == 200
    message = "Không thể đánh dấu ភាសាខ្មែរ là sẵn sàng khi chưa có tiêu đề bằng ភាសាខ្មែរ."
    assert message in str(response.context["form"].errors)


def status_cells(html):
    import re

    return dict(re.findall(r'data-translation-status="(\w+):(\w+)"', html))


def test_changing_the_vietnamese_text_makes_translations_stale_until_revised(editor, site_tree):
    edit_about(editor, site_tree, ready=["en", "lo", "km"])
    page = edit_about(editor, site_tree, ready=["en", "lo", "km"], summaries={"vi": "Tỉnh miền núi phía Bắc."})
    latest = page.get_latest_revision_as_object()
    assert {code: latest.translation_status(code) for code in LANGUAGES} == {
        "vi": "ready", "en": "stale", "lo": "stale", "km": "stale"
    }
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert status_cells(html) == {"vi": "ready", "en": "stale", "lo": "stale", "km": "stale"}

    # English is revised, Lao is checked and still right, Khmer waits.
    page = edit_about(
        editor,
        site_tree,
        ready=["en", "lo", "km"],
        summaries={"vi": "Tỉnh miền núi phía Bắc.", "en": "A northern mountain province."},
        confirmed_languages=["lo"],
    )
    latest = page.get_latest_revision_as_object()
    assert [latest.translation_status(code) for code in LANGUAGES] == ["ready", "ready", "ready", "stale"]


@pytest.fixture
def report_tree(site_tree):
    sections, leaves = make_sections(site_tree.home)
    return sections, leaves


def report(client, **params):
    response = client.get(reverse("translation_status"), params)
    assert response.status_code == 200
    return response


def test_report_lists_pages_by_language_with_filters(editor, site_tree, report_tree):
    sections, leaves = report_tree
    rows = {row.title: row.statuses for row in report(editor).context["object_list"]}
    assert rows["Hồ Ba Bể"] == {"vi": "ready", "en": "ready", "lo": "missing", "km": "missing"}
    assert rows["Giới thiệu"] == {code: "ready" for code in LANGUAGES}
    assert rows["Kế hoạch"]["km"] == "missing"

    in_tourism = report(editor, section=sections["tourism"].pk).context["object_list"]
    assert {row.title for row in in_tourism} == {"Du lịch", "Hồ Ba Bể"}
    missing_lao = report(editor, language="lo", status="missing").context["object_list"]
    assert "Hồ Ba Bể" in {row.title for row in missing_lao} and "Giới thiệu" not in {row.title for row in missing_lao}
    html = report(editor, language="lo").content.decode()
    assert 'lang="lo"' in html and 'hreflang="km"' not in html and "km:" not in html


def test_report_exports_csv_and_xlsx(editor, site_tree, report_tree):
    response = report(editor, export="csv", section=report_tree[0]["tourism"].pk)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Tiêu đề", "Chuyên mục", "Loại", "English", "ພາສາລາວ", "ភាសាខ្មែរ"]
    assert ["Hồ Ba Bể", "Du lịch", "Điểm đến", "Sẵn sàng", "Chưa có", "Chưa có"] in rows

    response = report(editor, export="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Tiêu đề" and any(row[0] == "Giới thiệu" for row in values)


def test_report_shows_only_pages_the_user_works_on(site_tree, report_tree, django_user_model):
    from tests.home.editorial import make_user

    translator = client_for(make_user(django_user_model, "translator", "tourism", "translators"))
    titles = {row.title for row in report(translator).context["object_list"]}
    assert titles == {"Du lịch", "Hồ Ba Bể"}
    outsider = client_for(django_user_model.objects.create_user("visitor", "v@example.gov.vn", "password"))
    assert outsider.get(reverse("translation_status")).status_code in (302, 403)


def test_the_first_edit_of_a_page_made_in_code_sees_a_changed_source(editor, site_tree):
    from tests.factories import paragraph

    about = StandardPage.objects.get(pk=site_tree.about.pk)
    texts = {"vi": "Tỉnh miền núi.", "en": "A mountain province.", "lo": "ແຂວງພູດອຍ.", "km": "ខេត្តភ្នំ។"}
    for code, text in texts.items():
        setattr(about, f"summary_{code}", text)
        setattr(about, f"body_{code}", paragraph(text))
    about.save_revision().publish()  # made in code: no translation state recorded
    page = edit_about(editor, site_tree, ready=["en", "lo", "km"], summaries={"vi": "Một tỉnh miền núi phía Bắc."})
    latest = page.get_latest_revision_as_object()
    assert [latest.translation_status(code) for code in LANGUAGES] == ["ready", "stale", "stale", "stale"]
