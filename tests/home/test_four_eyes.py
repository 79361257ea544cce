"""Four eyes: whoever submitted a page, or wrote the version under review, does not approve its first step;
another reviewer must. Each workflow's first step asks for it unless a site administrator turns it off."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page, TaskState

from home.models import EditorialApprovalTask
from tests.home.editorial import client_for, edit, make_sections, make_user, workflow_action
from tests.home.test_edit_conflicts import in_english

ANOTHER_REVIEWER = "Another reviewer must approve this step"
ANOTHER_REVIEWER_VI = "Một người duyệt khác phải phê duyệt bước này"
GENERIC_REFUSAL = "do not have permission"


@pytest.fixture
def people(site_tree, django_user_model):
    sections, _leaves = make_sections(site_tree.home)
    users = {role: make_user(django_user_model, role, "tourism", role) for role in ("contributors", "approvers")}
    users["reviewer"] = make_user(django_user_model, "reviewer", "tourism", "reviewers")
    users["other reviewer"] = make_user(django_user_model, "other-reviewer", "tourism", "reviewers")
    return sections["tourism"], users


def current_step(page):
    state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    return state and state.task.name


def submit(user, page, **changes):
    response = edit(client_for(user), page, **changes, **{"action-submit": "submit"})
    assert response.status_code == 302
    assert current_step(page).startswith("Biên tập")


def test_a_reviewer_who_edited_and_submitted_a_page_cannot_approve_it(people):
    section, users = people
    submit(users["reviewer"], section, title_en="Visit Bắc Kạn")

    response = workflow_action(client_for(users["reviewer"]), section, "approve")
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_pages:edit", args=[section.pk])
    assert current_step(section).startswith("Biên tập")

    workflow_action(client_for(users["other reviewer"]), section, "approve")
    assert current_step(section).startswith("Lãnh đạo duyệt")


def test_the_editor_offers_the_author_no_approval_and_says_why(people):
    section, users = people
    submit(users["reviewer"], section)
    editor = in_english(users["reviewer"]).get(reverse("wagtailadmin_pages:edit", args=[section.pk]))
    page_html = html.unescape(editor.content.decode())
    assert f"/workflow/collect_action_data/{section.pk}/reject/" in page_html  # may still ask for changes
    assert f"/workflow/collect_action_data/{section.pk}/approve/" not in page_html
    assert ANOTHER_REVIEWER in page_html

    other = in_english(users["other reviewer"]).get(reverse("wagtailadmin_pages:edit", args=[section.pk]))
    assert f"/workflow/collect_action_data/{section.pk}/approve/" in other.content.decode()
    assert ANOTHER_REVIEWER not in html.unescape(other.content.decode())


def test_approving_from_the_editor_footer_is_refused_with_the_reason(people):
    section, users = people
    submit(users["reviewer"], section)
    client = in_english(users["reviewer"])
    response = edit(
        client,
        section,
        title_lo="ທ່ຽວບັກກັນ",
        **{"action-workflow-action": "true", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
    )
    messages = html.unescape(client.get(response.url).content.decode()) if response.status_code == 302 else ""
    assert ANOTHER_REVIEWER in messages or ANOTHER_REVIEWER in html.unescape(response.content.decode())
    assert current_step(section).startswith("Biên tập")
    assert not TaskState.objects.filter(status=TaskState.STATUS_APPROVED).exists()


def test_the_last_editor_of_the_submitted_version_cannot_approve_it_either(people):
    section, users = people
    edit(client_for(users["reviewer"]), section, title_en="Visit Bắc Kạn")  # a draft by the reviewer
    page = Page.objects.get(pk=section.pk).specific
    page.get_workflow().start(page, users["contributors"])  # submitted as it is by someone else
    task = EditorialApprovalTask.objects.get(name__startswith="Biên tập: Sở Văn hóa")
    page = Page.objects.get(pk=section.pk).specific
    assert "approve" not in [name for name, _label, _modal in task.get_actions(page, users["reviewer"])]
    assert "approve" in [name for name, _label, _modal in task.get_actions(page, users["other reviewer"])]


def test_a_reviewer_approves_what_others_submitted_and_the_approver_the_second_step(people):
    section, users = people
    submit(users["contributors"], section)
    workflow_action(client_for(users["reviewer"]), section, "approve")
    assert current_step(section).startswith("Lãnh đạo duyệt")


def test_only_the_first_step_asks_for_another_person_and_it_can_be_turned_off(people):
    section, users = people
    steps = {task.name.split(":")[0]: task.requires_other_approver for task in EditorialApprovalTask.objects.all()}
    assert steps == {"Biên tập": True, "Lãnh đạo duyệt": False}

    EditorialApprovalTask.objects.filter(name__startswith="Biên tập").update(requires_other_approver=False)
    submit(users["reviewer"], section)
    workflow_action(client_for(users["reviewer"]), section, "approve")
    assert current_step(section).startswith("Lãnh đạo duyệt")


def test_the_setting_is_in_the_step_form_of_the_workflows_admin(admin_client, people):
    task = EditorialApprovalTask.objects.get(name__startswith="Biên tập: Sở Văn hóa")
    response = admin_client.get(reverse("wagtailadmin_workflows:edit_task", args=[task.pk]))
    assert 'name="requires_other_approver"' in response.content.decode()


def test_code_that_skips_the_views_is_refused_too(people):
    section, users = people
    submit(users["reviewer"], section)
    page = Page.objects.get(pk=section.pk).specific
    with pytest.raises(PermissionDenied):
        page.current_workflow_task.on_action(page.current_workflow_task_state, users["reviewer"], "approve")
    assert current_step(section).startswith("Biên tập")


def action_url(page, view, action="approve"):
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    return reverse(f"wagtailadmin_pages:{view}", args=[page.pk, action, task_state.pk])


def shown(client, response):
    """The page the user lands on after a refusal, with its messages."""
    assert response.status_code == 302
    return html.unescape(client.get(response.url).content.decode())


def test_approving_at_wagtails_own_action_address_is_refused_with_the_reason_in_vietnamese(people):
    section, users = people
    submit(users["reviewer"], section)
    client = client_for(users["reviewer"])

    response = client.post(action_url(section, "workflow_action"), {"comment": ""})
    assert response.url == reverse("wagtailadmin_pages:edit", args=[section.pk])
    page_html = shown(client, response)
    assert page_html.count(ANOTHER_REVIEWER_VI) == 1  # the refusal, not repeated by the editor's own warning
    assert GENERIC_REFUSAL not in page_html
    assert current_step(section).startswith("Biên tập")
    assert not TaskState.objects.filter(status=TaskState.STATUS_APPROVED).exists()

    dashboard = reverse("wagtailadmin_home")  # the dashboard's buttons come back to it
    response = client.post(action_url(section, "workflow_action") + f"?next={dashboard}", {"comment": ""})
    assert response.url == dashboard
    assert ANOTHER_REVIEWER_VI in shown(client, response)
    assert current_step(section).startswith("Biên tập")

    workflow_action(client_for(users["other reviewer"]), section, "approve")
    assert current_step(section).startswith("Lãnh đạo duyệt")


@pytest.mark.parametrize("view", ["workflow_action", "collect_workflow_action_data"])
def test_the_approval_dialogs_tell_the_author_why_not(people, view):
    section, users = people
    submit(users["reviewer"], section)
    client = in_english(users["reviewer"])

    dialog = client.get(action_url(section, view), headers={"x-requested-with": "XMLHttpRequest"})
    assert dialog.status_code == 200
    assert dialog.json()["step"] != "success"
    assert "“Du lịch” was not approved. " + ANOTHER_REVIEWER in html.unescape(dialog.json()["html"])
    assert "<form" not in dialog.json()["html"]

    posted = client.post(action_url(section, view), {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert posted.json()["step"] != "success" and ANOTHER_REVIEWER in html.unescape(posted.json()["html"])

    response = client.get(action_url(section, view))  # the address opened outside the editor
    assert "was not approved. " + ANOTHER_REVIEWER in shown(client, response)
    assert current_step(section).startswith("Biên tập")

    other = client_for(users["other reviewer"]).get(
        action_url(section, view), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert other.json()["step"] == "action" and "<form" in other.json()["html"]


def test_the_author_may_still_ask_for_changes_and_preview_what_is_under_review(people):
    section, users = people
    submit(users["reviewer"], section)
    client = client_for(users["reviewer"])
    task = Page.objects.get(pk=section.pk).specific.current_workflow_task
    preview = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[section.pk, task.pk]))
    assert preview.status_code == 200

    dialog = client.get(
        action_url(section, "workflow_action", "reject"), headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert dialog.json()["step"] == "action"
    workflow_action(client, section, "reject", comment="Thiếu ảnh")
    assert Page.objects.get(pk=section.pk).specific.current_workflow_state.status == "needs_changes"
