"""Backup and restore (home/backup.py): the demo, with a public form submission and a progress report,
goes into one archive; a database and storage emptied as a fresh machine's are rebuilt from it, and
every page, revision, submission, plan record and file is as it was."""

import hashlib
import json
import re
import tarfile
from contextlib import ExitStack
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import translation
from django.utils.html import escape
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home.backup import storage_files
from news.models import ArticlePage
from plans.models import DuePeriod, ProgressReport, ProgressReportEvidencePage, Unit
from press.models import ForeignPressRegistrationPage
from tests.conftest import LANGUAGES
from tests.press.forms import VALID

REPORT_TEXT = "Đã đăng 3 bài tiếng Lào về Tết Bunpimay; 2.400 lượt đọc."


def tables(manifest):
    """Every archived table's rows as the database stores them (raw SQL, no model in between)."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for entry in manifest["tables"]:
            cursor.execute(f"SELECT {', '.join(map(quote, entry['columns']))} FROM {quote(entry['table'])}")
            rows[entry["table"]] = sorted(cursor.fetchall(), key=repr)
    return rows


def pages_in_every_language():
    """What a reader sees of each page in each language: its type, title, address and whether it is live."""
    seen = {}
    for language in LANGUAGES:
        with translation.override(language):
            seen[language] = [
                (page.pk, type(page).__name__, page.title, page.get_url(), page.live)
                for page in Page.objects.specific().order_by("path")
            ]
    return seen


def checksum(name):
    with default_storage.open(name, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def files():
    return {name: checksum(name) for name in storage_files(default_storage)}


def state(manifest):
    return SimpleNamespace(
        tables=tables(manifest),
        pages=pages_in_every_language(),
        revisions=list(Revision.objects.order_by("pk").values_list("pk", "object_id", "content")),
        submissions=list(FormSubmission.objects.order_by("pk").values_list("pk", "page_id", "form_data")),
        reports=[
            (
                report.pk,
                report.unit.key,
                report.text,
                report.percent_done,
                sorted(document.pk for document in report.evidence_documents.all()),
                sorted(item.page_id for item in report.evidence_page_items.all()),
            )
            for report in ProgressReport.objects.order_by("pk")
        ],
        files={
            item.file.name: checksum(item.file.name)
            for model in (get_image_model(), get_document_model())
            for item in model.objects.order_by("pk")
        },
    )


def add_submission_and_report():
    """A foreign journalist's registration, sent through the public form, and a unit's progress report."""
    page = ForeignPressRegistrationPage.objects.live().first()
    with translation.override("en"):
        url = page.get_url()
    assert Client().post(url, VALID).status_code == 200
    period = DuePeriod.objects.order_by("pk").first()
    report = ProgressReport.objects.create(
        period=period,
        unit=Unit.objects.order_by("pk").first(),
        text=REPORT_TEXT,
        percent_done=60,
        submitted_by=get_user_model().objects.get(username="admin"),
    )
    report.evidence_documents.set(get_document_model().objects.order_by("pk")[:2])
    ProgressReportEvidencePage.objects.create(report=report, page=ArticlePage.objects.live().first())


@pytest.fixture(scope="module")
def restored(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo backed up, then restored into an emptied database and a new, empty storage; loaded once
    for the module inside a transaction rolled back at the end (as tests/home/test_load_demo.py)."""
    archive = tmp_path_factory.mktemp("backups") / "site.tar.gz"
    with ExitStack() as stack:
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(override_settings(VAR_DIR=tmp_path_factory.mktemp("var")))
        stack.enter_context(translation.override(settings.LANGUAGE_CODE))
        stack.enter_context(transaction.atomic())
        call_command("load_demo", stdout=StringIO())
        add_submission_and_report()
        backup_output = StringIO()
        call_command("backup", output=str(archive), stdout=backup_output)
        with tarfile.open(archive) as tar:
            manifest = json.load(tar.extractfile("manifest.json"))
            submissions_file = tar.extractfile("data/wagtailforms.formsubmission.jsonl").read().decode()
        before = state(manifest)
        stored_files = files()
        # A fresh machine: every table emptied (content types and permissions made again by post_migrate,
        # as `migrate` makes them), and an empty storage.
        connection.check_constraints()  # PostgreSQL empties no table with checks pending in the transaction
        call_command("flush", interactive=False, verbosity=0)
        assert not Page.objects.exists() and not get_user_model().objects.exists()
        stack.enter_context(override_settings(STORAGES={**settings.STORAGES, "default": settings.STORAGES["default"]}))
        assert not files()
        restore_output = StringIO()
        call_command("restore", str(archive), stdout=restore_output)
        yield SimpleNamespace(
            archive=archive,
            manifest=manifest,
            submissions_file=submissions_file,
            before=before,
            after=state(manifest),
            stored_files=stored_files,
            restored_files=files(),
            backup_output=backup_output.getvalue(),
            restore_output=restore_output.getvalue(),
        )
        transaction.set_rollback(True)


@pytest.fixture
def site(restored, db):
    return restored


def test_every_row_of_every_table_comes_back_as_it_was(restored):
    before, after = restored.before.tables, restored.after.tables
    # Search entries are written again by update_index after the restore: the same entries, the text in its order.
    for rows in (before, after):
        rows["search_searchentry"] = [row[:3] for row in rows["search_searchentry"]]
        # The vocabulary for spelling corrections is written again with them: the same words, new ids.
        rows["search_searchword"] = sorted(row[1:] for row in rows["search_searchword"])
    assert after == before
    archived = {entry["model"] for entry in restored.manifest["tables"]}
    plans = {f"plans.{model._meta.model_name}" for model in Unit._meta.app_config.get_models(include_auto_created=True)}
    assert plans <= archived
    assert {"wagtailcore.page", "wagtailcore.revision", "wagtailforms.formsubmission", "home.submissionreceipt",
            "contenttypes.contenttype", "auth.permission", "news.articlepage_topics"} <= archived  # fmt: skip
    assert sum(entry["rows"] for entry in restored.manifest["tables"]) > 1000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_reads_the_same_in_every_language(restored, language):
    before, after = restored.before.pages[language], restored.after.pages[language]
    assert len(before) > 50
    assert after == before


def test_revisions_submissions_and_plan_records_are_all_there(restored):
    before, after = restored.before, restored.after
    assert len(after.revisions) == len(before.revisions) > 50
    assert after.revisions == before.revisions
    assert len(after.submissions) == 1
    assert after.submissions == before.submissions
    assert after.reports == before.reports
    assert any(text == REPORT_TEXT and len(documents) == 2 and pages for _pk, _unit, text, _done, documents, pages in
               after.reports)  # fmt: skip


def test_personal_data_stays_encrypted_as_stored_in_the_archive(restored):
    """The archive holds the submissions' form data as the database stores it: where the personal fields
    are encrypted there, they are encrypted in the archive (the key is not in it)."""
    [(_pk, _page, form_data)] = restored.before.submissions
    stored = json.dumps(form_data)
    assert ("P1234567" in stored) == ("P1234567" in restored.submissions_file)
    assert "FORM_DATA_KEY" in restored.manifest["not_included"]
    assert "FORM_DATA_KEY" in restored.backup_output


def test_every_file_comes_back_with_its_checksum(restored):
    assert len(restored.before.files) >= 30
    assert restored.after.files == restored.before.files
    assert restored.restored_files == restored.stored_files
    listed = {entry["name"]: entry["sha256"] for entry in restored.manifest["media"]["files"]}
    assert listed == restored.stored_files
    assert restored.manifest["media"]["missing"] == []


def test_manifest_says_what_the_archive_holds_and_what_it_leaves_out(restored):
    manifest = restored.manifest
    assert manifest["software"]["wagtail"] and manifest["software"]["django"]
    assert "0001_initial" in manifest["migrations"]["home"]
    assert set(manifest["skipped"]) >= {"sessions.session", "wagtailcore.referenceindex", "wagtailsearch.indexentry"}
    assert not {entry["model"] for entry in manifest["tables"]} & set(manifest["skipped"])
    pages = next(entry for entry in manifest["tables"] if entry["model"] == "wagtailcore.page")
    assert {"path", "depth", "numchild", "title_vi", "title_km", "url_path_lo"} <= set(pages["columns"])


def test_restore_says_what_it_did(restored):
    output = restored.restore_output
    assert "every checksum matches" in output
    pages = len(restored.after.pages["vi"])
    assert re.search(rf"\b{pages} pages, {len(restored.after.revisions)} revisions, 1 form submissions\b", output)
    assert "Rebuilt the search index and the reference index" in output
    files = len(restored.manifest["media"]["files"])
    assert f"Wrote {files} files" in output and "removed 0 files that the archive does not have" in output


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_restored_site_serves_and_finds_its_pages(site, client, language):
    with translation.override(language):
        article = ArticlePage.objects.live().order_by("path").first()
        url, title = article.get_url(), article.title
        press_url = ForeignPressRegistrationPage.objects.live().first().get_url()
    assert client.get(f"/{language}/").status_code == 200
    response = client.get(url)
    assert response.status_code == 200 and title in response.content.decode()
    assert client.get(press_url).status_code == 200
    # The search index was rebuilt from the restored pages.
    assert escape(title) in client.get(f"/{language}/search/", {"q": title}).content.decode()
