"""The foreign press registration and investor enquiry forms: validation, robots kept out, and
submissions read (and e-mailed) only by the staff group that handles them."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone, translation
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission

from promotion.models import InvestorEnquiryPage
from tests.conftest import LANGUAGES
from tests.factories import localized
from tests.press.forms import DESK, TOMORROW, VALID, user


def test_the_form_is_translated_and_a_valid_registration_is_kept_and_mailed_to_the_desk(client, press_form):
    desk = [user("desk1", DESK), user("desk2", DESK), user("desk3", DESK, is_active=False)]
    html = client.get("/en/press-registration/").content.decode()
    assert '<label for="id_document_number">Passport or press card number</label>' in html
    assert "Số hộ chiếu hoặc thẻ nhà báo" in client.get("/vi/dang-ky-bao-chi/").content.decode()
    response = client.post("/en/press-registration/", VALID)
    assert response.status_code == 200 and "We answer within three working days." in response.content.decode()
    [submission] = press_form.get_submissions()
    assert submission.get_data()["document_number"] == "P1234567"
    [message] = mail.outbox
    assert sorted(message.to) == [desk[0].email, desk[1].email]
    assert "Somchai Phommavong" in message.body and f"/admin/forms/submissions/{press_form.pk}/" in message.body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"departure": TOMORROW - datetime.timedelta(days=2)}, "departure", "The last day cannot be before the first."),
        ({"arrival": datetime.date(2020, 1, 1)}, "arrival", "Reporting cannot start in the past."),
        ({"document_number": "<script>"}, "document_number", "Letters, digits and hyphens"),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"consent": ""}, "consent", "We cannot handle the form without your agreement."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_typed_is_lost(client, press_form, changes, field,
                                                                             message):
    data = {**VALID, **{key: str(value) for key, value in changes.items()}}
    response = client.post("/en/press-registration/", data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'aria-describedby="id_{field}_error"' in html or f'id_{field}_helptext id_{field}_error' in html
    assert 'value="Somchai Phommavong"' in html and "Tourism; Vietnam–Laos friendship</textarea>" in html
    assert not FormSubmission.objects.exists() and not mail.outbox


def test_a_robot_filling_the_honeypot_is_thanked_and_ignored(client, press_form):
    user("desk1", DESK)
    response = client.post("/en/press-registration/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not FormSubmission.objects.exists() and not mail.outbox


def test_one_address_can_send_five_forms_an_hour(client, press_form, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR = 5
    for _ in range(5):
        assert client.post("/en/press-registration/", VALID, REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.post("/en/press-registration/", VALID, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert "Too many forms were sent from your connection" in refused.content.decode()
    assert 'value="Somchai Phommavong"' in refused.content.decode()
    assert FormSubmission.objects.count() == 5
    assert client.post("/en/press-registration/", VALID, REMOTE_ADDR="198.51.100.2").status_code == 200


def test_behind_a_proxy_the_limit_counts_the_readers_address(client, press_form, settings):
    settings.FORM_SUBMISSIONS_PER_HOUR, settings.TRUSTED_PROXIES = 1, 1

    def send(reader):
        return client.post("/en/press-registration/", VALID, HTTP_X_FORWARDED_FOR=reader, REMOTE_ADDR="10.0.0.1")

    assert [send(reader).status_code for reader in ("203.0.113.7", "198.51.100.2", "203.0.113.7")] == [200, 200, 429]


def test_only_the_handling_group_reads_and_exports_submissions(client, press_form):
    client.post("/en/press-registration/", VALID)
    submissions = f"/admin/forms/submissions/{press_form.pk}/"
    client.force_login(user("desk1", DESK))
    listing = client.get(submissions)
    assert listing.status_code == 200 and "P1234567" in listing.content.decode()
    export = client.get(submissions, {"export": "csv"})
    assert export.status_code == 200 and "P1234567" in b"".join(export.streaming_content).decode()
    dashboard = client.get("/admin/").content.decode()
    assert f'href="{submissions}">{press_form.title}</a>: 1' in dashboard
    assert '"url": "/admin/forms/"' not in dashboard  # Wagtail's list of forms, which is for page editors
    # A contributor who may edit the page, but is not in the group, cannot read what was sent.
    writers = Group.objects.create(name="Người viết bài trang chủ")
    writers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=writers, page=press_form.get_parent(), permission_type="change")
    client.force_login(user("writer", writers.name))
    assert client.get(f"/admin/pages/{press_form.pk}/edit/").status_code == 200
    for query in ({}, {"export": "csv"}):
        refused = client.get(submissions, query, follow=True)
        assert refused.redirect_chain == [("/admin/", 302)] and "P1234567" not in refused.content.decode()
    assert press_form.title not in client.get("/admin/forms/").content.decode()
    assert submissions not in client.get("/admin/").content.decode()


def test_the_investor_enquiry_form_is_kept_for_its_own_desk(client, site_tree):
    desk = Group.objects.get(name="Xúc tiến đầu tư: Tiếp nhận câu hỏi")
    page = InvestorEnquiryPage(**localized("title", {"vi": "Hỏi đáp đầu tư", "en": "Investor enquiries"}),
                               **localized("slug", {"vi": "hoi-dap-dau-tu", "en": "investor-enquiries"}),
                               **localized("thank_you", {"vi": "Cảm ơn.", "en": "Thank you."}), handling_group=desk)
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    user("investment-desk", desk.name)
    data = {"full_name": "Kim Sokha", "organisation": "Sample Agro Co.", "country": "Cambodia",
            "sector": "agriculture-forestry", "message": "Which land is available for tea processing?",
            "email": "sokha@example.org", "consent": "on"}
    with translation.override("km"):
        url = page.get_url()
    assert client.post(url, {**data, "sector": "weapons"}).status_code == 200
    assert not FormSubmission.objects.exists()
    client.post(url, data)
    assert FormSubmission.objects.get(page=page).form_data["sector"] == "agriculture-forestry"
    assert mail.outbox[0].to == ["investment-desk@example.org"]
    client.force_login(user("press-desk", DESK))
    assert client.get(f"/admin/forms/submissions/{page.pk}/").status_code == 302


def test_editors_preview_the_form_in_each_language(press_form):
    response = press_form.make_preview_request(preview_mode="en")
    html = response.content.decode()
    assert '<html lang="en"' in html and '<label for="id_document_number">Passport or press card number</label>' in html
    assert [code for code, _name in press_form.preview_modes] == ["vi", "en", "lo", "km"]


@pytest.mark.parametrize(("language", "required"), [("lo", "ຕ້ອງປ້ອນຂໍ້ມູນໃນຊ່ອງນີ້."), ("km", "ត្រូវតែបំពេញប្រអប់នេះ។"),
                                                    ("vi", "Trường này là bắt buộc.")])
def test_field_errors_are_in_the_readers_language(client, press_form, language, required):
    with translation.override(language):
        url = press_form.get_url()
    html = client.post(url, {**VALID, "outlet": ""}).content.decode()
    assert required in html


def test_old_submissions_are_purged_and_other_forms_left_alone(press_form, settings):
    from django.core.management import call_command

    settings.FORM_SUBMISSIONS_KEPT_DAYS = 30
    old = FormSubmission.objects.create(page=press_form, form_data={"full_name": "Old"})
    FormSubmission.objects.filter(pk=old.pk).update(submit_time=timezone.now() - datetime.timedelta(days=31))
    recent = FormSubmission.objects.create(page=press_form, form_data={"full_name": "Recent"})
    other = FormSubmission.objects.create(page=press_form.get_parent(), form_data={"x": 1})
    FormSubmission.objects.filter(pk=other.pk).update(submit_time=timezone.now() - datetime.timedelta(days=400))
    call_command("purge_form_submissions", stdout=io.StringIO())
    assert set(FormSubmission.objects.values_list("pk", flat=True)) == {recent.pk, other.pk}


SUMMARY_TITLES = {"vi": "Có lỗi cần sửa", "en": "There is a problem", "lo": "ມີບັນຫາ", "km": "មានបញ្ហា"}
ERROR_PREFIXES = {"vi": "Lỗi:", "en": "Error:", "lo": "ຂໍ້ຜິດພາດ:", "km": "កំហុស៖"}


@pytest.fixture
def enquiry_form(site_tree):
    page = InvestorEnquiryPage(
        **localized("title", {"vi": "Hỏi đáp đầu tư", "en": "Investor enquiries"}),
        **localized("slug", {"vi": "hoi-dap-dau-tu", "en": "investor-enquiries"}),
        **localized("thank_you", {"vi": "Cảm ơn.", "en": "Thank you."}),
        handling_group=Group.objects.get(name="Xúc tiến đầu tư: Tiếp nhận câu hỏi"),
    )
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    return page


def error_state(response):
    """What a reader of a refused form meets: the error summary's title and links, and the invalid fields."""
    from lxml import html as lxml_html

    document = lxml_html.fromstring(response.content.decode())
    [summary] = document.xpath('//form//*[@data-error-summary]')
    fields = {
        element.get("name"): element
        for element in document.xpath("//form//input|//form//textarea|//form//select")
        if element.get("name")
    }
    return document, summary, fields


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("form_page", "sent", "kept", "refused"),
    [
        (
            "press_form",
            {"full_name": "Somchai Phommavong", "topics": "Tourism; Vietnam–Laos friendship", "email": "somchai@"},
            {"full_name": "Somchai Phommavong", "topics": "Tourism; Vietnam–Laos friendship", "email": "somchai@"},
            ["outlet", "country", "document_number", "arrival", "departure", "places", "email", "consent"],
        ),
        (
            "enquiry_form",
            {"full_name": "Kim Sokha", "sector": "weapons", "phone": "call me", "message": "Which land is free?"},
            {"full_name": "Kim Sokha", "phone": "call me", "message": "Which land is free?"},
            ["organisation", "country", "sector", "email", "phone", "consent"],
        ),
    ],
)
def test_a_refused_form_sums_up_its_errors_at_the_top_linked_to_each_marked_field(
    client, site_tree, request, language, form_page, sent, kept, refused
):
    page = request.getfixturevalue(form_page)
    with translation.override(language):
        url = page.get_url()
    response = client.post(url, sent)
    assert response.status_code == 200 and not FormSubmission.objects.exists()
    document, summary, fields = error_state(response)
    title = summary.xpath(".//h2")[0].text_content().strip()
    assert title == SUMMARY_TITLES[language]
    assert document.xpath("//title")[0].text_content().startswith(ERROR_PREFIXES[language] + " ")
    # The summary comes first in the form, is focusable by the page's script, and links to every invalid field.
    assert summary.getparent().index(summary) <= 2 and summary.get("tabindex") == "-1"
    # The form speaks the reader's language even where the page's own text falls back to another.
    assert summary.xpath("ancestor::*[@lang][1]")[0].tag == "html"
    targets = [link.get("href") for link in summary.xpath(".//a")]
    assert targets == [f"#id_{name}" for name in refused]
    ids = {element.get("id") for element in document.xpath("//*[@id]")}
    assert all(target[1:] in ids for target in targets)
    for name, element in fields.items():
        if name in refused:
            assert element.get("aria-invalid") == "true", name
            described = element.get("aria-describedby").split()
            assert f"id_{name}_error" in described, name
            [message] = document.xpath(f'//*[@id="id_{name}_error"]')
            assert message.text_content().strip().startswith(ERROR_PREFIXES[language] + " "), name
        else:
            assert element.get("aria-invalid") is None, name
    # What was typed is still there.
    for name, value in kept.items():
        element = fields[name]
        assert (element.text if element.tag == "textarea" else element.get("value")).strip() == value, name


def test_the_consent_error_is_shown_above_its_checkbox_and_label(client, press_form):
    response = client.post("/en/press-registration/", {**VALID, "consent": ""})
    document, _summary, fields = error_state(response)
    checkbox = fields["consent"]
    [label] = document.xpath('//label[@for="id_consent"]')
    [message] = document.xpath('//*[@id="id_consent_error"]')
    # One row: the checkbox, then its label; the message above that row, in the same marked field.
    assert checkbox.getparent() is label.getparent() and checkbox.getnext() is label
    row, field = checkbox.getparent(), message.getparent()
    assert row.getparent() is field and field.index(message) < field.index(row)
    assert "form-field--error" in field.get("class")


@pytest.mark.parametrize(
    "language, heading",
    [("vi", "Không gửi được biểu mẫu"), ("en", "The form could not be sent"),
     ("lo", "ບໍ່ສາມາດສົ່ງແບບຟອມໄດ້"), ("km", "មិនអាចផ្ញើទម្រង់បានទេ")],
)  # fmt: skip
def test_a_form_sent_without_its_security_token_is_explained_in_the_readers_language(press_form, language, heading):
    from django.test import Client

    with translation.override(language):
        url = press_form.url
    response = Client(enforce_csrf_checks=True).post(url, {"name": "A reader"})
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html and f'lang="{language}"' in html
    assert "CSRF" not in html
