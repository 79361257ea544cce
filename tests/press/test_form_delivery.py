"""A public form is saved once and thanked for, whatever the mail server does; its e-mail goes later,
once. (The foreign press registration form; the investor enquiry form shares the code.)"""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission

from home.form_pages import SubmissionReceipt
from tests.browser.tools import leave_migrated_data  # noqa: F401  (a fixture)
from tests.press.forms import DESK, VALID, user

THANKS = "We answer within three working days."


def token_of(response):
    return re.search(r'name="submission_token" value="([0-9a-f-]{36})"', response.content.decode())[1]


@pytest.fixture
def desk(db):
    return user("desk1", DESK)


def smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1


def test_with_the_mail_server_down_the_reader_is_thanked_once_and_the_email_goes_later(
    client, press_form, desk, settings, refused_port
):
    smtp(settings, refused_port)
    token = token_of(client.get("/en/press-registration/"))
    response = client.post("/en/press-registration/", {**VALID, "submission_token": token})
    assert response.status_code == 200 and THANKS in response.content.decode()
    [receipt] = SubmissionReceipt.objects.all()
    assert receipt.notified_at is None and receipt.attempts == 1 and "Connection" in receipt.last_error

    # The reader, unsure, sends the same form again: thanked again, nothing saved twice.
    again = client.post("/en/press-registration/", {**VALID, "submission_token": token})
    assert again.status_code == 200 and THANKS in again.content.decode()
    assert FormSubmission.objects.filter(page=press_form).count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    out = io.StringIO()
    call_command("send_form_notifications", stdout=out, stderr=io.StringIO())
    assert "1 of 1 waiting e-mails sent" in out.getvalue()
    call_command("send_form_notifications", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.to == [desk.email] and "Somchai Phommavong" in message.body


def test_a_mail_server_that_never_answers_does_not_hold_the_reader(client, press_form, desk, settings, silent_server):
    smtp(settings, silent_server.port)
    response = client.post("/en/press-registration/", VALID)
    assert response.status_code == 200 and THANKS in response.content.decode()
    receipt = SubmissionReceipt.objects.get()
    assert receipt.notified_at is None and "timed out" in receipt.last_error


def test_a_refused_form_keeps_its_token_so_the_corrected_one_is_still_one_submission(client, press_form, desk):
    token = token_of(client.get("/en/press-registration/"))
    refused = client.post("/en/press-registration/", {**VALID, "outlet": "", "submission_token": token})
    assert token_of(refused) == token
    for _ in range(2):  # the corrected form, sent twice (a double click)
        client.post("/en/press-registration/", {**VALID, "submission_token": token})
    assert FormSubmission.objects.count() == 1 and len(mail.outbox) == 1
    assert token_of(client.get("/en/press-registration/")) != token  # a new form, a new submission


def test_a_token_from_another_form_or_garbage_does_not_stop_a_submission(client, press_form, desk):
    client.post("/en/press-registration/", {**VALID, "submission_token": "not-a-token"})
    client.post("/en/press-registration/", {**VALID, "submission_token": "\x00" * 40})
    assert FormSubmission.objects.count() == 2


# The worker closes its database connection when it stops: these tests commit, as a worker sees rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("leave_migrated_data")
def test_in_production_the_email_is_queued_for_the_worker_and_sent_once(client, press_form, desk, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post("/en/press-registration/", VALID)
    assert response.status_code == 200 and mail.outbox == []  # the request did not wait for the mail server
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())
    assert len(mail.outbox) == 1 and SubmissionReceipt.objects.get().notified_at is not None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("leave_migrated_data")
def test_in_production_a_failed_email_is_queued_again_for_later(client, press_form, desk, settings, refused_port):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp(settings, refused_port)
    client.post("/en/press-registration/", VALID)
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None and retry.task_path == "home.form_pages.notify_submission"
