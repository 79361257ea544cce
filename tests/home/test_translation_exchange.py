"""Outside translators exchange XLIFF files: a language's missing and stale text out, a draft revision back in."""

import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.models import BLOCK_KEY
from home.translation_files import XLIFF_NS, export_xliff
from promotion.models import DestinationPage
from tests.home.editorial import client_for, make_sections, make_user

HEADING, FIRST, SECOND = (f"1d6a8f20-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))  # block ids


def q(tag):
    return f"{{{XLIFF_NS}}}{tag}"


def heading(text, block_id=HEADING):
    return {"type": "heading", "value": {"text": text, "level": "h2"}, "id": block_id}


def paragraph(text, block_id):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": block_id}


def vietnamese_body(first="Hồ nằm giữa núi đá vôi.", second="Du khách đi thuyền quanh hồ."):
    return [heading("Giới thiệu"), paragraph(first, FIRST), paragraph(second, SECOND)]


@pytest.fixture
def lake(site_tree):
    """Ba Bể lake, published; Lao is a draft with a title, the heading and the first paragraph, and that
    paragraph's Vietnamese text has been revised since (the revision is not published yet)."""
    _sections, leaves = make_sections(site_tree.home)
    page = DestinationPage.objects.get(pk=leaves["tourism"].pk)
    page.body_vi = vietnamese_body()
    page.highlights_vi = "<ul><li>Đi thuyền trên hồ</li></ul>"
    page.title_lo = "ທະເລສາບບາເບ"
    page.body_lo = [heading("ແນະນຳ"), paragraph("ທະເລສາບຢູ່ກາງພູຫີນປູນ.", FIRST)]
    page.record_translations(ready={"en"})
    page.save_revision().publish()
    draft = page.get_latest_revision_as_object()
    draft.body_vi = vietnamese_body(first="Hồ nằm giữa những dãy núi đá vôi cao.")
    draft.save_revision()
    return DestinationPage.objects.get(pk=page.pk)


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def translator(django_user_model, lake):
    return client_for(in_english(make_user(django_user_model, "translator", "tourism", "translators")))


def export(client, page, language="lo"):
    return client.get(reverse("translation_file_export", args=[page.pk, language]))


def units(xml):
    body = ET.fromstring(xml).find(q("file")).find(q("body"))
    return {unit.get("resname"): unit for unit in body.iter(q("trans-unit"))}


def translate(xml, texts):
    """The file as the agency sends it back: each unit's target filled in from `texts` (by resname)."""
    root = ET.fromstring(xml)
    for unit in root.iter(q("trans-unit")):
        target = unit.find(q("target"))
        if target is None:
            target = ET.Element(q("target"))
            unit.insert(1, target)
        target.text = texts[unit.get("resname")]
        target.set("state", "translated")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


LAO = {
    "summary": "ທະເລສາບນ້ຳຈືດທຳມະຊາດ.",
    f"body/{FIRST}": "<p>ທະເລສາບຢູ່ກາງພູຫີນປູນສູງ.</p>",
    f"body/{SECOND}": "<p>ນັກທ່ອງທ່ຽວລ່ອງເຮືອອ້ອມທະເລສາບ.</p>",
    "highlights": "<ul><li>ລ່ອງເຮືອໃນທະເລສາບ</li></ul>",
}


def upload(client, page, data, language="lo", name="ba-be-lo.xlf"):
    url = reverse("translation_files", args=[page.pk])
    return client.post(url, {"language": language, "file": SimpleUploadedFile(name, data)})


def test_a_translator_exports_exactly_the_missing_and_stale_lao_text(translator, lake):
    response = export(translator, lake)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-xliff+xml")
    assert 'filename="ba-be-lo.xlf"' in response["Content-Disposition"]
    root = ET.fromstring(response.content)
    assert root.tag == q("xliff") and root.get("version") == "1.2"
    file = root.find(q("file"))
    assert (file.get("source-language"), file.get("target-language")) == ("vi", "lo")
    found = units(response.content)
    # The title and heading are translated and unchanged; the first paragraph's Vietnamese text changed.
    assert set(found) == {"summary", f"body/{FIRST}", f"body/{SECOND}", "highlights"}
    stale = found[f"body/{FIRST}"]
    assert stale.find(q("source")).text == "<p>Hồ nằm giữa những dãy núi đá vôi cao.</p>"
    assert stale.find(q("target")).text == "<p>ທະເລສາບຢູ່ກາງພູຫີນປູນ.</p>"
    assert found["summary"].find(q("source")).text == "Hồ nước ngọt tự nhiên."
    assert found["summary"].find(q("target")) is None
    assert "Stale" in stale.find(q("note")).text and "Missing" in found["summary"].find(q("note")).text

    page = translator.get(reverse("translation_files", args=[lake.pk])).content.decode()
    assert reverse("translation_file_export", args=[lake.pk, "lo"]) in page
    # Reached from the page's editor.
    editor = translator.get(reverse("wagtailadmin_pages:edit", args=[lake.pk])).content.decode()
    assert reverse("translation_files", args=[lake.pk]) in editor


def test_importing_the_translated_file_saves_a_draft_and_leaves_the_live_page(translator, lake):
    live_revision = lake.live_revision_id
    response = upload(translator, lake, translate(export(translator, lake).content, LAO))
    assert response.status_code == 302
    html = translator.get(response["Location"]).content.decode()
    assert "translated texts saved in a new draft: 4" in html

    page = DestinationPage.objects.get(pk=lake.pk)
    draft = page.get_latest_revision_as_object()
    assert page.get_latest_revision().user.username == "translator"
    assert draft.summary_lo == LAO["summary"]
    assert BLOCK_KEY.sub("", draft.highlights_lo) == LAO["highlights"]  # keyed as the editor keys them
    lao_body = [(child.block_type, child.id) for child in draft.body_lo]
    assert lao_body == [("heading", HEADING), ("paragraph", FIRST), ("paragraph", SECOND)]
    assert draft.body_lo[0].value["text"] == "ແນະນຳ"
    assert "ນັກທ່ອງທ່ຽວລ່ອງເຮືອອ້ອມທະເລສາບ." in draft.body_lo[2].value.source
    assert draft.body_vi[1].value.source.endswith("cao.</p>")  # the source is untouched
    # The translation is now written from the current Vietnamese text: nothing is left to export.
    assert draft.translation_state["lo"]["source"] == draft.source_fingerprint()
    assert units(export(translator, lake).content) == {}

    # Readers still get the published page, and nothing was published or submitted.
    assert page.live_revision_id == live_revision and page.has_unpublished_changes
    assert not page.summary_lo and not page.body_lo
    assert page.current_workflow_state is None
    lao = translator.get("/lo/tourism/ba-be/").content.decode()
    assert "ທະເລສາບນ້ຳຈືດທຳມະຊາດ" not in lao


def test_rich_text_is_kept_to_what_the_editor_allows(translator, lake):
    texts = {**LAO, f"body/{SECOND}": '<p>ລ່ອງເຮືອ<script>alert(1)</script> <a href="javascript:alert(1)">x</a></p>'}
    upload(translator, lake, translate(export(translator, lake).content, texts))
    source = DestinationPage.objects.get(pk=lake.pk).get_latest_revision_as_object().body_lo[2].value.source
    assert "ລ່ອງເຮືອ" in source and "<script" not in source and "javascript:" not in source


def test_a_segment_whose_vietnamese_text_changed_after_the_export_is_refused(translator, lake):
    exported = export(translator, lake).content
    draft = lake.get_latest_revision_as_object()
    draft.body_vi = vietnamese_body(first="Hồ Ba Bể nằm giữa những dãy núi đá vôi cao.")
    draft.save_revision()

    response = upload(translator, lake, translate(exported, LAO))
    html = translator.get(response["Location"]).content.decode()
    assert "Not imported, because their Vietnamese text changed after the export: Body › 2. Paragraph." in html
    assert "translated texts saved in a new draft: 3" in html

    latest = DestinationPage.objects.get(pk=lake.pk).get_latest_revision_as_object()
    assert latest.summary_lo == LAO["summary"] and latest.body_lo[1].value.source == "<p>ທະເລສາບຢູ່ກາງພູຫີນປູນ.</p>"
    # The refused paragraph is still stale, and is all the next export holds.
    assert latest.translation_state["lo"]["source"] != latest.source_fingerprint()
    assert set(units(export(translator, lake).content)) == {f"body/{FIRST}"}


def billion_laughs():
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "ha">{entities}]><xliff>&l9;</xliff>'.encode()


@pytest.mark.parametrize(
    ("make_file", "language", "error"),
    [
        (lambda exported, other: b"<xliff version='1.2'><file>", "lo", "The file is not well-formed XML"),
        (lambda exported, other: billion_laughs(), "lo", "declares a document type or entities"),
        (lambda exported, other: b"<html><body/></html>", "lo", "The file is not an XLIFF 1.2 file."),
        (lambda exported, other: exported, "km", "The file is a translation into ພາສາລາວ, not into ភាសាខ្មែរ."),
        (lambda exported, other: other, "lo", "The file was exported from another page."),
        (lambda exported, other: b" " * (2 * 1024 * 1024 + 1), "lo", "The file is larger than 2.0"),
    ],
    ids=["malformed", "xml-bomb", "not-xliff", "wrong-language", "other-page", "too-large"],
)
def test_a_bad_file_is_refused_with_a_clear_error_and_changes_nothing(
    translator, lake, site_tree, make_file, language, error
):
    exported = translate(export(translator, lake).content, LAO)
    other = translate(export_xliff(site_tree.about, "lo"), {})
    revisions = lake.revisions.count()
    response = upload(translator, lake, make_file(exported, other), language=language)
    assert response.status_code == 200
    assert error in str(response.context["form"].errors["file"])
    assert lake.revisions.count() == revisions


def test_the_source_language_is_never_exported_nor_imported(translator, lake):
    assert export(translator, lake, "vi").status_code == 404
    response = upload(translator, lake, translate(export(translator, lake).content, LAO), language="vi")
    assert response.status_code == 200 and "language" in response.context["form"].errors


def test_only_who_may_edit_the_page_exchanges_its_files(django_user_model, lake, client):
    outsider = client_for(in_english(make_user(django_user_model, "news-translator", "editorial", "translators")))
    contributor = client_for(in_english(make_user(django_user_model, "contributor", "tourism", "contributors")))
    revisions = lake.revisions.count()
    exported = translate(export(contributor, lake).content, LAO)
    # Wagtail's admin turns the refusal into a redirect to the dashboard, with its "no permission" message.
    home = reverse("wagtailadmin_home")
    assert export(outsider, lake)["Location"] == home
    assert outsider.get(reverse("translation_files", args=[lake.pk]))["Location"] == home
    assert upload(outsider, lake, exported)["Location"] == home
    assert export(client, lake)["Location"].startswith(reverse("wagtailadmin_login"))
    assert lake.revisions.count() == revisions

    explorer = contributor.get(reverse("wagtailadmin_explore", args=[lake.get_parent().pk])).content.decode()
    assert reverse("translation_files", args=[lake.pk]) in explorer
    explorer = outsider.get(reverse("wagtailadmin_explore", args=[lake.get_parent().pk]))
    assert reverse("translation_files", args=[lake.pk]) not in explorer.content.decode()


def test_tables_quotes_and_media_are_translated_in_place(db):
    from home.models import StandardPage
    from home.translation_files import apply_translations, page_segments

    table = {
        "data": [["Huyện", "Diện tích (ha)"], ["Ba Bể", "68.412"]],
        "table_caption": "Diện tích các huyện",
        "first_row_is_table_header": True,
    }
    page = StandardPage(title_vi="Số liệu", slug_vi="so-lieu")
    page.body_vi = [
        heading("Số liệu"),
        {"type": "table", "value": table, "id": "t"},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=babe", "id": "e"},
        {"type": "quote", "value": {"text": "Bắc Kạn chào đón.", "attribution": "UBND tỉnh"}, "id": "q"},
    ]
    # Lao so far: the heading, written by hand in the editor (its own block id).
    page.body_lo = [heading("ຂໍ້ມູນ", block_id="written-by-hand")]
    segments = {segment.path: segment for segment in page_segments(page, "lo")}
    assert segments[f"body/{HEADING}/text"].target == "ຂໍ້ມູນ"  # paired by position and type
    table_paths = {path for path in segments if path.startswith("body/t/")}
    assert table_paths == {"body/t/caption", "body/t/0.0", "body/t/0.1", "body/t/1.0"}  # 68.412 is a figure

    lao = {
        "body/t/caption": "ເນື້ອທີ່ຂອງເມືອງ",
        "body/t/0.0": "ເມືອງ",
        "body/t/0.1": "ເນື້ອທີ່ (ເຮັກຕາ)",
        "body/t/1.0": "ບາເບ",
        "body/q/text": "ບັກກັນ ຍິນດີຕ້ອນຮັບ.",
    }
    apply_translations(page, "lo", lao)
    body = page.body_lo
    assert [child.block_type for child in body] == ["heading", "table", "embed", "quote"]
    assert body[0].value["text"] == "ຂໍ້ມູນ" and body[0].id == "written-by-hand"
    assert body[1].value["data"] == [["ເມືອງ", "ເນື້ອທີ່ (ເຮັກຕາ)"], ["ບາເບ", "68.412"]]
    assert body[1].value["table_caption"] == "ເນື້ອທີ່ຂອງເມືອງ" and body[1].value["first_row_is_table_header"]
    assert body[2].value.url == "https://www.youtube.com/watch?v=babe"  # media come along, no text to translate
    assert body[3].value["text"] == "ບັກກັນ ຍິນດີຕ້ອນຮັບ." and body[3].value["attribution"] == ""  # never the Vietnamese
