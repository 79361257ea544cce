"""Every link in every e-mail the portal sends leads to the site's configured address (WAGTAILADMIN_BASE_URL),
whatever the host and port of the site records; `make run` sets that address to the port it serves."""

import os
import re
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.home.editorial import client_for, workflow_action
from tests.home.test_workflow import at_second_step, people, submit_new_titles  # noqa: F401
from tests.plans.test_permissions import plan_setup  # noqa: F401
from tests.plans.test_reminders import deadline  # noqa: F401
from tests.press.forms import DESK, VALID, user

BASE = "https://portal.example.gov.vn"
LINK = re.compile(r"https?://[^\s\"'<>]+")


def links():
    found = [link for message in mail.outbox for link in LINK.findall(message.body)]
    assert found, "no e-mail with a link was sent"
    return found


def assert_all_on_the_site(found):
    assert [link for link in found if not link.startswith(f"{BASE}/")] == []


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_workflow_e_mails_link_to_the_configured_site(people):  # noqa: F811
    section, users = people
    submit_new_titles(section, users["contributors"])
    workflow_action(client_for(users["reviewers"]), section, "approve")
    workflow_action(client_for(users["approvers"]), section, "approve")
    found = links()
    assert f"{BASE}/vi/tourism/" in found  # "You can view the page here:" in the approval
    assert f"{BASE}/admin/pages/{section.pk}/edit/" in found
    assert_all_on_the_site(found)


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_changes_requested_e_mails_link_to_the_configured_site(people):  # noqa: F811
    section, users = people
    at_second_step(section, users)
    workflow_action(client_for(users["approvers"]), section, "reject", comment="Sửa lại.")
    assert_all_on_the_site(links())


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_form_submission_e_mails_link_to_the_configured_site(client, press_form):  # noqa: F811
    user("desk1", DESK)
    client.post("/en/press-registration/", VALID)
    found = links()
    assert f"{BASE}/admin/forms/submissions/{press_form.pk}/" in found
    assert_all_on_the_site(found)


@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_plan_reminders_link_to_the_configured_site(deadline):  # noqa: F811
    call_command("send_plan_reminders", date="2021-12-24", stdout=StringIO())
    found = links()
    assert any(link.startswith(BASE + reverse("plan_reports:add")) for link in found)
    assert_all_on_the_site(found)


@pytest.mark.parametrize("port", ["8000", "8123"])
def test_make_run_gives_the_site_the_address_it_serves(port):
    root = Path(__file__).resolve().parents[2]
    environment = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    commands = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", f"PORT={port}"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [server] = [line for line in commands.splitlines() if "runserver" in line]
    assert f"WAGTAILADMIN_BASE_URL=http://127.0.0.1:{port} " in server and f"127.0.0.1:{port}" in server
