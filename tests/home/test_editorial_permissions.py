"""Each role of a department, in its own section and in another department's, through the admin over HTTP."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, TaskState

from tests.home.editorial import CHILD_TYPES, client_for, edit, make_sections, make_user, workflow_action

OWN, OTHER = "tourism", "editorial"
ACTIONS = ("create", "edit", "submit", "approve", "publish", "delete")
ALLOWED_IN_OWN_SECTION = {
    "contributors": {"create", "edit", "submit"},
    "reviewers": {"create", "edit", "submit", "approve"},
    "translators": {"edit", "submit"},
    "approvers": {"create", "edit", "submit", "approve", "publish", "delete"},
}
STEP_OF = {"reviewers": 0, "approvers": 1}  # the workflow step each role approves; others try the first


@pytest.fixture
def tree(site_tree, django_user_model):
    sections, leaves = make_sections(site_tree.home)
    admin = django_user_model.objects.create_superuser("root", "root@example.gov.vn", "password")
    return sections, leaves, client_for(admin)


def refreshed(page):
    return Page.objects.get(pk=page.pk).specific


def attempt(action, client, section, leaf, key, setup_client, role):
    """Try `action` as `client`; True when it took effect."""
    if action == "create":
        app_label, model = CHILD_TYPES[key]
        return client.get(reverse("wagtailadmin_pages:add", args=[app_label, model, section.pk])).status_code == 200
    if action == "edit":
        edit(client, section, title_en="Edited")
        return refreshed(section).get_latest_revision_as_object().title_en == "Edited"
    if action == "submit":
        edit(client, section, **{"action-submit": "submit"})
        return refreshed(section).workflow_in_progress
    if action == "approve":
        edit(setup_client, section, **{"action-submit": "submit"})
        for _step in range(STEP_OF.get(role, 0)):  # by someone other than the submitter (four eyes)
            other = get_user_model().objects.get_or_create(username="second-root", is_superuser=True)[0]
            workflow_action(client_for(other), section, "approve")
        task_state = refreshed(section).current_workflow_task_state
        workflow_action(client, section, "approve")
        return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    if action == "publish":
        edit(client, section, title_en="Published", **{"action-publish": "publish"})
        return refreshed(section).title_en == "Published"
    if action == "delete":
        client.post(reverse("wagtailadmin_pages:delete", args=[leaf.pk]))
        return not Page.objects.filter(pk=leaf.pk).exists()
    raise ValueError(action)


@pytest.mark.parametrize("role", list(ALLOWED_IN_OWN_SECTION))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("where", [OWN, OTHER])
def test_permission_matrix(tree, django_user_model, role, action, where):
    sections, leaves, setup_client = tree
    user = make_user(django_user_model, f"{role}-user", OWN, role)
    allowed = where == OWN and action in ALLOWED_IN_OWN_SECTION[role]
    assert attempt(action, client_for(user), sections[where], leaves[where], where, setup_client, role) is allowed


def test_translator_changes_only_other_languages(tree, django_user_model):
    sections, _leaves, _admin = tree
    translator = client_for(make_user(django_user_model, "translator", OWN, "translators"))
    edit(translator, sections[OWN], title_vi="Đổi tiêu đề", title_en="Tourism in Bắc Kạn", slug_vi="doi")
    latest = refreshed(sections[OWN]).get_latest_revision_as_object()
    assert (latest.title_vi, latest.slug_vi, latest.title_en) == ("Du lịch", "tourism", "Tourism in Bắc Kạn")
    html = translator.get(reverse("wagtailadmin_pages:edit", args=[sections[OWN].pk])).content.decode()
    inputs = {name: tag for tag, name in re.findall(r'(<(?:input|textarea)[^>]*name="(\w+)"[^>]*>)', html)}
    assert " disabled " in inputs["title_vi"] and " disabled " in inputs["intro_vi"]
    assert " disabled " not in inputs["title_en"] and " disabled " not in inputs["intro_km"]


def test_translator_cannot_delete_or_copy_what_a_contributor_can(tree, django_user_model):
    sections, leaves, _admin = tree
    lake = refreshed(leaves[OWN])
    draft = sections[OWN].add_child(
        instance=type(lake)(title="Bản nháp", slug="ban-nhap", summary="Nháp.", live=False, district=lake.district)
    )
    translator = client_for(make_user(django_user_model, "translator", OWN, "translators"))
    translator.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert Page.objects.filter(pk=draft.pk).exists()
    contributor = client_for(make_user(django_user_model, "contributor", OWN, "contributors"))
    copy = reverse("wagtailadmin_pages:copy", args=[lake.pk])
    assert translator.get(copy).status_code != 200 and contributor.get(copy).status_code == 200
    contributor.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_a_section_created_later_belongs_to_its_department(tree, django_user_model):
    from promotion.models import EventIndexPage
    from tests.factories import localized

    sections, _leaves, _admin = tree
    events = EventIndexPage(**localized("title", {"vi": "Sự kiện", "en": "Events"}), slug="events")
    sections[OWN].get_parent().add_child(instance=events)
    assert events.get_workflow().name.endswith("Sở Văn hóa, Thể thao và Du lịch")
    contributor = client_for(make_user(django_user_model, "contributor", OWN, "contributors"))
    url = reverse("wagtailadmin_pages:add", args=["promotion", "eventpage", events.pk])
    assert contributor.get(url).status_code == 200
    assert refreshed(sections[OTHER]).get_workflow().name.endswith("Ban Biên tập Cổng thông tin")


def test_site_administrators_work_everywhere_and_manage_users(tree, django_user_model):
    from django.contrib.auth.models import Group

    from home.editorial import SITE_ADMINISTRATORS

    sections, leaves, setup_client = tree
    user = django_user_model.objects.create_user("siteadmin", "siteadmin@example.gov.vn", "password")
    user.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    client = client_for(user)
    for key in (OWN, OTHER):
        assert attempt("publish", client, sections[key], leaves[key], key, setup_client, "approvers")
    assert client.get(reverse("wagtailusers_users:index")).status_code == 200
    assert client.get(reverse("wagtailadmin_workflows:index")).status_code == 200


def test_a_translator_here_and_contributor_elsewhere_still_only_translates_here(tree, django_user_model):
    from django.contrib.auth.models import Group

    from home.editorial import DEPARTMENT, ROLE, group_name

    sections, _leaves, _admin = tree
    user = make_user(django_user_model, "both", OWN, "translators")
    user.groups.add(Group.objects.get(name=group_name(DEPARTMENT[OTHER], ROLE["contributors"])))
    client = client_for(user)
    edit(client, sections[OWN], title_vi="Đổi tiêu đề", title_en="Tourism in Bắc Kạn")
    latest = refreshed(sections[OWN]).get_latest_revision_as_object()
    assert (latest.title_vi, latest.title_en) == ("Du lịch", "Tourism in Bắc Kạn")
    edit(client, sections[OTHER], title_vi="Tin tức đối ngoại")
    assert refreshed(sections[OTHER]).get_latest_revision_as_object().title_vi == "Tin tức đối ngoại"
