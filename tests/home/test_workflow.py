"""From draft to live through the two steps, with the e-mails each step sends and the history it leaves."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState

from tests.conftest import LANGUAGES
from tests.home.editorial import client_for, edit, make_sections, make_user, workflow_action

NEW_TITLES = {"vi": "Du lịch Bắc Kạn", "en": "Visit Bắc Kạn", "lo": "ທ່ຽວບັກກັນ", "km": "ទស្សនាបាក់កាន"}


@pytest.fixture
def people(site_tree, django_user_model):
    sections, _leaves = make_sections(site_tree.home)
    users = {
        role: make_user(django_user_model, role, "tourism", role)
        for role in ("contributors", "reviewers", "approvers")
    }
    users["news reviewer"] = make_user(django_user_model, "news-reviewer", "editorial", "reviewers")
    return sections["tourism"], users


def submit_new_titles(section, author):
    return edit(
        client_for(author),
        section,
        **{f"title_{code}": title for code, title in NEW_TITLES.items()},
        ready_languages=LANGUAGES[1:],
        **{"action-submit": "submit"},
    )


def at_second_step(section, users):
    submit_new_titles(section, users["contributors"])
    workflow_action(client_for(users["reviewers"]), section, "approve")
    mail.outbox.clear()


def sent_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def live(section):
    return Page.objects.get(pk=section.pk).specific


def test_draft_to_live_in_every_language_through_both_steps(client, people):
    section, users = people
    submit_new_titles(section, users["contributors"])
    assert [m.to for m in mail.outbox] == [[users["reviewers"].email]]  # not the news office's reviewers
    assert live(section).title_en == "Tourism"

    mail.outbox.clear()
    workflow_action(client_for(users["reviewers"]), section, "approve", comment="Tốt, chuyển lãnh đạo.")
    to_author = sent_to(users["contributors"])
    assert len(to_author) == 1 and "Tốt, chuyển lãnh đạo." in to_author[0].body
    assert len(sent_to(users["approvers"])) == 1
    assert live(section).title_en == "Tourism"

    mail.outbox.clear()
    workflow_action(client_for(users["approvers"]), section, "approve", comment="Đồng ý đăng.")
    page = live(section)
    assert [getattr(page, f"title_{code}") for code in NEW_TITLES] == list(NEW_TITLES.values())
    for code, title in NEW_TITLES.items():
        assert f"<h1>{title}</h1>" in client.get(f"/{code}/tourism/").content.decode()
    [approval] = sent_to(users["contributors"])
    assert "Đồng ý đăng." in approval.body and "Tốt, chuyển lãnh đạo." in approval.body


def test_request_for_changes_reaches_the_author_and_the_first_step_with_the_comment(people):
    section, users = people
    at_second_step(section, users)
    workflow_action(client_for(users["approvers"]), section, "reject", comment="Sửa lại tên tiếng Lào.")
    for role in ("contributors", "reviewers"):
        [message] = sent_to(users[role])
        assert "Sửa lại tên tiếng Lào." in message.body, role
    assert not sent_to(users["news reviewer"])
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(section.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # The author's resubmission goes back to the step that asked for changes.
    mail.outbox.clear()
    edit(client_for(users["contributors"]), section, title_lo="ທ່ຽວແຂວງບັກກັນ", **{"action-submit": "submit"})
    assert live(section).current_workflow_task.name.startswith("Lãnh đạo duyệt")
    assert sent_to(users["approvers"]) and not sent_to(users["reviewers"])


def test_rejection_ends_the_workflow_and_tells_the_first_step(people):
    section, users = people
    at_second_step(section, users)
    editor = client_for(users["approvers"]).get(reverse("wagtailadmin_pages:edit", args=[section.pk]))
    for action in ("approve", "reject", "decline"):
        assert f"/workflow/collect_action_data/{section.pk}/{action}/" in editor.content.decode(), action
    workflow_action(client_for(users["approvers"]), section, "decline", comment="Không phù hợp để đăng.")
    page = live(section)
    assert not page.workflow_in_progress and page.title_en == "Tourism"
    for role in ("contributors", "reviewers"):
        [message] = sent_to(users[role])
        assert "Không phù hợp để đăng." in message.body and "Du lịch Bắc Kạn" in message.subject, role

    # Submitted again, it starts over at the first step.
    edit(client_for(users["contributors"]), section, **{"action-submit": "submit"})
    assert live(section).current_workflow_task.name.startswith("Biên tập")


def test_page_history_and_site_history_say_who_did_what(people, admin_client):
    section, users = people
    submit_new_titles(section, users["contributors"])
    workflow_action(client_for(users["reviewers"]), section, "approve")
    workflow_action(client_for(users["approvers"]), section, "approve")
    entries = PageLogEntry.objects.filter(page=section).order_by("timestamp")
    actions = list(entries.values_list("action", "user__username"))
    assert ("wagtail.workflow.start", "contributors") in actions
    assert ("wagtail.workflow.approve", "reviewers") in actions
    assert ("wagtail.publish", "approvers") in actions

    history = client_for(users["approvers"]).get(reverse("wagtailadmin_pages:history", args=[section.pk]))
    html = history.content.decode()
    assert history.status_code == 200 and "contributors" in html and "reviewers" in html
    site_history = admin_client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert all(name in site_history for name in ("contributors", "reviewers", "approvers"))


def test_rejection_from_the_editor_footer_saves_the_reviewers_edits_then_rejects(people):
    """The editor's action menu posts the whole form with the action, as Wagtail's modal does."""
    section, users = people
    at_second_step(section, users)
    edit(
        client_for(users["approvers"]),
        section,
        title_km="ទេសចរណ៍បាក់កាន",
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "decline",
            "workflow-action-extra-data": '{"comment": "Chưa đạt yêu cầu."}',
        },
    )
    page = live(section)
    assert not page.workflow_in_progress and page.title_en == "Tourism"
    assert page.get_latest_revision_as_object().title_km == "ទេសចរណ៍បាក់កាន"
    assert "Chưa đạt yêu cầu." in sent_to(users["contributors"])[0].body
