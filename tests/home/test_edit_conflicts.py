"""Two people edit the same page or snippet: saving a form loaded before the other's save is refused, with a link
to compare the two versions, instead of silently undoing the other's change; the refused form keeps its input."""

import html
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile

from news.models import Topic
from tests.home.editorial import client_for, make_sections, make_user, section_form_data

HIDDEN = re.compile(r'<input type="hidden" name="(loaded_[a-z_]+)" value="([^"]*)"')


def in_english(user):
    """The admin in English for this user, so that the messages read as written (the catalogues may lag)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return client_for(user)


def loaded_form_of(page_html):
    """What an edit form carries to say which version it was loaded at."""
    return {name: html.unescape(value) for name, value in HIDDEN.findall(page_html)}


def loaded_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return loaded_form_of(response.content.decode())


def latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


@pytest.fixture
def section(site_tree, django_user_model):
    sections, _leaves = make_sections(site_tree.home)
    return sections["tourism"]


@pytest.fixture
def editors(django_user_model):
    people = {role: make_user(django_user_model, role, "tourism", role) for role in ("reviewers", "contributors")}
    people["approvers"] = make_user(django_user_model, "approver", "tourism", "approvers")
    return people


@pytest.mark.parametrize(
    "role, action",
    [
        ("contributors", {}),  # save draft
        ("contributors", {"action-submit": "submit"}),
        ("approvers", {"action-publish": "publish"}),
    ],
)
def test_a_stale_page_form_is_refused_and_keeps_the_other_editors_title(section, editors, role, action):
    url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    a, b = client_for(editors["reviewers"]), in_english(editors[role])
    a_loaded, b_loaded = loaded_form(a, url), loaded_form(b, url)
    assert b_loaded["loaded_revision_id"] == str(section.latest_revision_id)
    b_data = {**section_form_data(section, intro_vi="Lời giới thiệu của B.", title_en="Visit Bắc Kạn"), **b_loaded}

    response = a.post(url, {**section_form_data(section, title_vi="Du lịch Bắc Kạn (A)"), **a_loaded})
    assert response.status_code == 302
    a_revision = Page.objects.get(pk=section.pk).latest_revision

    response = b.post(url, {**b_data, **action})
    assert response.status_code == 200  # the form again, not saved
    page_html = html.unescape(response.content.decode())
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[section.pk, b_loaded["loaded_revision_id"], a_revision.pk]
    )
    assert f'href="{compare}"' in page_html and "Compare the two versions" in page_html
    assert "reviewers saved this" in page_html  # who saved the newer version
    assert "Lời giới thiệu của B." in page_html and 'value="Visit Bắc Kạn"' in page_html  # B's input is kept
    page = Page.objects.get(pk=section.pk).specific
    assert page.latest_revision == a_revision and latest(section).title_vi == "Du lịch Bắc Kạn (A)"
    assert page.live_revision != a_revision and not page.workflow_in_progress  # neither published nor submitted

    # The form shown again is at A's version: saving it now replaces A's, knowingly.
    assert loaded_form_of(page_html)["loaded_revision_id"] == str(a_revision.pk)
    response = b.post(url, {**b_data, **loaded_form_of(page_html), **action})
    assert response.status_code == 302 and latest(section).title_en == "Visit Bắc Kạn"


def test_an_up_to_date_form_still_saves(section, editors):
    url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    a = client_for(editors["reviewers"])
    for title in ("Du lịch 1", "Du lịch 2"):  # each save from the form the previous one showed
        response = a.post(url, {**section_form_data(section, title_vi=title), **loaded_form(a, url)})
        assert response.status_code == 302
        assert latest(section).title_vi == title


def autosave(client, url, data):
    """Wagtail's autosave: the form posted for JSON; it answers with the revision it saved (or overwrote)."""
    response = client.post(url, data, HTTP_ACCEPT="application/json")
    assert response.json()["success"], response.json()
    return {"overwrite_revision_id": response.json()["revision_id"]}


def test_a_form_that_autosaved_saves_over_its_own_autosave_but_not_over_a_newer_save(section, editors):
    url = reverse("wagtailadmin_pages:edit", args=[section.pk])
    a, b = client_for(editors["reviewers"]), client_for(editors["contributors"])
    b_loaded = loaded_form(b, url)
    b_autosaved = autosave(b, url, {**section_form_data(section, intro_vi="Nháp của B."), **b_loaded})
    response = b.post(url, {**section_form_data(section, intro_vi="Bản của B."), **b_loaded, **b_autosaved})
    assert response.status_code == 302 and latest(section).intro_vi == "Bản của B."

    b_autosaved = autosave(b, url, {**section_form_data(section, intro_vi="Nháp 2 của B."), **loaded_form(b, url)})
    a.post(url, {**section_form_data(section, title_vi="Du lịch (A)"), **loaded_form(a, url)})
    response = b.post(url, {**section_form_data(section, intro_vi="Bản 2 của B."), **b_autosaved})
    assert response.status_code == 200 and latest(section).title_vi == "Du lịch (A)"


@pytest.fixture
def topic_editors(db, django_user_model):
    admins = []
    for username in ("a-admin", "b-admin"):
        admins.append(django_user_model.objects.create_superuser(username, f"{username}@example.gov.vn", "password"))
    return admins


def topic_data(topic, **changes):
    data = {f"name_{code}": getattr(topic, f"name_{code}") or "" for code in ("vi", "en", "lo", "km")}
    return {**data, "slug": topic.slug, **changes}


def test_a_stale_snippet_form_is_refused_naming_what_the_other_editor_changed(topic_editors):
    topic = Topic.objects.create(slug="huu-nghi", name_vi="Hữu nghị Việt – Lào", name_en="Friendship")
    url = reverse("wagtailsnippets_news_topic:edit", args=[topic.pk])
    a, b = client_for(topic_editors[0]), in_english(topic_editors[1])
    a_loaded, b_loaded = loaded_form(a, url), loaded_form(b, url)
    assert "loaded_version" in b_loaded
    b_data = {**topic_data(topic, name_lo="ມິດຕະພາບ"), **b_loaded}

    assert a.post(url, {**topic_data(topic, name_en="Vietnam–Laos friendship"), **a_loaded}).status_code == 302
    response = b.post(url, b_data)
    assert response.status_code == 200
    page_html = html.unescape(response.content.decode())
    assert "Someone else saved this topic after you opened it" in page_html
    assert "They changed: name [en]." in page_html and f'href="{url}"' in page_html
    assert 'value="ມິດຕະພາບ"' in page_html  # B's input is kept
    topic.refresh_from_db()
    assert topic.name_en == "Vietnam–Laos friendship" and not topic.name_lo

    # Saved again from the form shown with the refusal, it replaces A's version.
    assert b.post(url, {**b_data, **loaded_form_of(response.content.decode())}).status_code == 302
    topic.refresh_from_db()
    assert topic.name_lo == "ມິດຕະພາບ"
