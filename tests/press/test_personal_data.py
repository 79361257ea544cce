"""Personal data in the public forms' submissions (passport numbers of foreign journalists): readers are
told what is kept, why, how long and who reads it; names, document numbers, e-mail addresses and phone
numbers are encrypted in the database; every read, export and deletion of submissions is in Wagtail's
audit log; the handling group deletes one person's data on request."""

import csv
import importlib
import io

import openpyxl
import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import resolve, reverse
from django.utils import translation
from lxml import html as lxml_html
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.users.models import UserProfile

from promotion.models import InvestorEnquiryPage
from tests.conftest import LANGUAGES
from tests.factories import localized
from tests.press.forms import DESK, VALID, user

INVESTOR_DESK = "Xúc tiến đầu tư: Tiếp nhận câu hỏi"
PERSONAL = ("Somchai Phommavong", "P1234567", "somchai@example.org", "+856 20 5555 1234")


def raw_form_data():
    with connection.cursor() as cursor:
        cursor.execute("SELECT form_data FROM wagtailforms_formsubmission ORDER BY id")
        return [row[0] if isinstance(row[0], str) else str(row[0]) for row in cursor.fetchall()]


def english(person):
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "en"
    profile.save()
    return person


@pytest.fixture
def desk_client(client, press_form):
    client.force_login(english(user("desk1", DESK)))
    return client


@pytest.fixture
def enquiry_form(site_tree):
    page = InvestorEnquiryPage(
        **localized("title", {"vi": "Hỏi đáp đầu tư", "en": "Investor enquiries"}),
        **localized("slug", {"vi": "hoi-dap-dau-tu", "en": "investor-enquiries"}),
        **localized("thank_you", {"vi": "Cảm ơn.", "en": "Thank you."}),
        handling_group=Group.objects.get(name=INVESTOR_DESK),
    )
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    return page


# The privacy notice

NOTICE = {
    "vi": ("Dữ liệu cá nhân của bạn", "Chúng tôi lưu gì", "30 ngày", "Họ và tên"),
    "en": ("Your personal data", "What we keep", "30 days", "Full name"),
    "lo": ("ຂໍ້ມູນສ່ວນບຸກຄົນຂອງທ່ານ", "ພວກເຮົາເກັບຫຍັງແດ່", "30 ວັນ", "ຊື່ ແລະ ນາມສະກຸນ"),
    "km": ("ទិន្នន័យផ្ទាល់ខ្លួនរបស់អ្នក", "អ្វីដែលយើងរក្សាទុក", "30 ថ្ងៃ", "ឈ្មោះពេញ"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form_page", ["press_form", "enquiry_form"])
def test_each_form_tells_in_the_readers_language_what_is_kept_why_how_long_and_who_reads_it(
    client, site_tree, request, settings, language, form_page
):
    settings.FORM_SUBMISSIONS_KEPT_DAYS = 30
    page = request.getfixturevalue(form_page)
    with translation.override(language):
        url = page.get_url()
    document = lxml_html.fromstring(client.get(url).content.decode())
    [notice] = document.xpath('//*[@id="privacy-notice"]')
    [form] = document.xpath("//form[contains(@class, 'public-form')]")
    assert notice.getparent() is form.getparent() and notice.getparent().index(notice) < form.getparent().index(form)
    heading, kept, days, name = NOTICE[language]
    text = " ".join(notice.text_content().split())
    assert heading in text and kept in text and days in text and name in text
    assert len(notice.xpath(".//dt")) == 4  # what, why, how long, who


# Encryption at rest


def test_personal_fields_are_encrypted_in_the_database_and_read_in_clear_by_the_handling_group(
    client, press_form, desk_client
):
    client.logout()
    client.post("/en/press-registration/", VALID)
    [row] = raw_form_data()
    for value in PERSONAL:
        assert value not in row
    assert "Sample Mekong Times" in row  # not personal: left as it is
    # The e-mail to the desk says who wrote.
    [message] = mail.outbox
    assert all(value in message.body for value in PERSONAL)
    desk_client.force_login(english(user("desk2", DESK)))
    listing = desk_client.get(f"/admin/forms/submissions/{press_form.pk}/").content.decode()
    assert all(value in listing for value in PERSONAL)
    csv_export = desk_client.get(f"/admin/forms/submissions/{press_form.pk}/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(csv_export.streaming_content).decode("utf-8-sig"))))
    assert "P1234567" in rows[1] and "somchai@example.org" in rows[1]
    xlsx_export = desk_client.get(f"/admin/forms/submissions/{press_form.pk}/", {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_export.streaming_content))).active
    assert "P1234567" in [cell.value for cell in sheet[2]]


def test_keys_rotate_old_submissions_stay_readable_and_are_encrypted_again_with_the_new_key(
    client, press_form, desk_client, settings
):
    old = settings.FORM_DATA_KEYS[0]
    client.post("/en/press-registration/", VALID)
    new = Fernet.generate_key().decode()
    settings.FORM_DATA_KEYS = [new, old]
    assert "P1234567" in desk_client.get(f"/admin/forms/submissions/{press_form.pk}/").content.decode()
    call_command("rotate_form_data_key", stdout=io.StringIO())
    settings.FORM_DATA_KEYS = [new]
    assert "P1234567" in desk_client.get(f"/admin/forms/submissions/{press_form.pk}/").content.decode()


def test_the_data_migration_encrypts_submissions_saved_before(press_form):
    from django.apps import apps

    migration = importlib.import_module("home.migrations.0011_form_data_encrypted")
    FormSubmission.objects.create(page=press_form, form_data={**VALID, "consent": True})
    migration.encrypt_personal_fields(apps, None)
    migration.encrypt_personal_fields(apps, None)  # a second run changes nothing
    [row] = raw_form_data()
    assert all(value not in row for value in PERSONAL) and "Sample Mekong Times" in row
    [submission] = press_form.get_submissions()
    assert submission.get_data()["document_number"] == "P1234567"
    migration.decrypt_personal_fields(apps, None)
    assert "P1234567" in raw_form_data()[0]


# The audit log


def test_every_read_and_export_of_submissions_is_logged_with_who_which_form_and_how_many_rows(
    client, press_form, desk_client, admin_user
):
    client.post("/en/press-registration/", VALID)
    client.post("/en/press-registration/", {**VALID, "email": "other@example.org"})
    url = f"/admin/forms/submissions/{press_form.pk}/"
    desk_client.get(url)
    desk_client.get(url, {"export": "xlsx"})
    entries = PageLogEntry.objects.filter(page=press_form, action__startswith="home.form_submissions")
    assert [(entry.action, entry.user.username, entry.data) for entry in entries.order_by("timestamp", "pk")] == [
        ("home.form_submissions.view", "desk1", {"rows": 2}),
        ("home.form_submissions.export", "desk1", {"rows": 2, "format": "xlsx"}),
    ]
    # Administrators see it in the page's history and in the site history.
    client.force_login(english(admin_user))
    history = client.get(reverse("wagtailadmin_pages:history", args=[press_form.pk])).content.decode()
    assert "Viewed 2 submissions" in history and "Exported 2 submissions (xlsx)" in history
    site_history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Viewed 2 submissions" in site_history and "desk1" in site_history


# Deletion


def test_the_handling_group_and_only_it_deletes_a_submission_and_the_deletion_is_logged(
    client, press_form, desk_client
):
    client.post("/en/press-registration/", VALID)
    [submission] = FormSubmission.objects.all()
    url = reverse("wagtailforms:delete_submissions", args=[press_form.pk]) + f"?selected-submissions={submission.pk}"
    # Wagtail's own view, with the deletion logged (this project's view answers Wagtail's address).
    assert resolve(reverse("wagtailforms:delete_submissions", args=[press_form.pk])).url_name == (
        "delete_form_submissions"
    )
    writers = Group.objects.create(name="Người viết bài trang chủ")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=writers, page=press_form.get_parent(), permission_type="change")
    for outsider in (user("writer", writers.name), user("investment-desk", INVESTOR_DESK)):
        client.force_login(outsider)
        client.post(url)
        assert FormSubmission.objects.filter(pk=submission.pk).exists()
    desk_client.force_login(get_user_model().objects.get(username="desk1"))
    assert desk_client.get(url).status_code == 200
    assert desk_client.post(url).status_code == 302
    assert not FormSubmission.objects.exists()
    [entry] = PageLogEntry.objects.filter(page=press_form, action="home.form_submissions.delete")
    assert entry.user.username == "desk1" and entry.data == {"rows": 1}


def test_the_handling_group_finds_and_deletes_one_persons_data_across_its_forms(
    client, press_form, enquiry_form, admin_user
):
    client.post("/en/press-registration/", VALID)
    client.post("/en/press-registration/", {**VALID, "email": "other@example.org", "document_number": "B7654321"})
    client.post(
        "/en/investor-enquiries/",
        {
            "full_name": "Somchai Phommavong",
            "organisation": "Sample Agro Co.",
            "country": "Laos",
            "sector": "agriculture-forestry",
            "message": "Tea?",
            "email": "Somchai@Example.org",
            "consent": "on",
        },
    )
    assert FormSubmission.objects.count() == 3
    desk = english(user("both-desks", DESK))
    desk.groups.add(Group.objects.get(name=INVESTOR_DESK))
    client.force_login(desk)
    url = reverse("form_personal_data")
    # Reached from the dashboard and from each form's submissions.
    assert f'href="{url}"' in client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{url}"' in client.get(f"/admin/forms/submissions/{enquiry_form.pk}/").content.decode()
    # By e-mail, whatever the case: both forms; by document number, whatever the spacing.
    found = client.get(url, {"q": " SOMCHAI@example.org "}).content.decode()
    assert found.count('name="submission"') == 2 and "B7654321" not in found
    assert client.get(url, {"q": "p 123-4567"}).content.decode().count('name="submission"') == 1
    ids = [pk for pk in FormSubmission.objects.order_by("pk").values_list("pk", flat=True)]
    chosen = [ids[0], ids[2]]
    confirm_url = reverse("form_personal_data_delete")
    confirm = client.get(confirm_url, {"submission": chosen})
    assert confirm.status_code == 200 and "Delete 2 submissions" in confirm.content.decode()
    response = client.post(confirm_url, {"submission": chosen})
    assert response.status_code == 302
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [ids[1]]
    deletions = PageLogEntry.objects.filter(action="home.form_submissions.delete", data__person=True)
    assert sorted((entry.page_id, entry.data["rows"]) for entry in deletions) == sorted(
        [(press_form.pk, 1), (enquiry_form.pk, 1)]
    )
    assert PageLogEntry.objects.filter(action="home.form_submissions.find_person", user=desk).count() == 3


def test_a_desk_finds_and_deletes_only_its_own_forms_submissions(client, press_form, enquiry_form):
    client.post("/en/press-registration/", VALID)
    [press_submission] = FormSubmission.objects.all()
    client.force_login(english(user("investment-desk", INVESTOR_DESK)))
    url = reverse("form_personal_data")
    assert 'name="submission"' not in client.get(url, {"q": "somchai@example.org"}).content.decode()
    client.post(reverse("form_personal_data_delete"), {"submission": [press_submission.pk]})
    assert FormSubmission.objects.filter(pk=press_submission.pk).exists()
    # Someone who handles no form has no such page.
    nobody = user("nobody")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(url).status_code in (302, 403)
