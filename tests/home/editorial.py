"""A site with two departments' sections and one user in every role, for the workflow tests."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.editorial import DEPARTMENT, ROLES, group_name
from news.models import ArticleIndexPage
from promotion.models import DestinationIndexPage, DestinationPage, District
from tests.conftest import LANGUAGES
from tests.factories import localized, make_article

TITLES = {
    "tourism": {"vi": "Du lịch", "en": "Tourism", "lo": "ການທ່ອງທ່ຽວ", "km": "ទេសចរណ៍"},
    "editorial": {"vi": "Tin tức", "en": "News", "lo": "ຂ່າວ", "km": "ព័ត៌មាន"},
}
SLUGS = {"tourism": "tourism", "editorial": "news"}


def make_sections(home):
    """The tourism department's destinations and the editorial office's news, each with a live leaf page."""
    sections = {}
    for key, model in (("tourism", DestinationIndexPage), ("editorial", ArticleIndexPage)):
        section = model(**localized("title", TITLES[key]), **localized("slug", {c: SLUGS[key] for c in LANGUAGES}))
        home.add_child(instance=section)
        section.save_revision().publish()
        sections[key] = section
    district = District.objects.create(slug="ba-be", name_vi="Ba Bể", name_en="Ba Bể district")
    lake = DestinationPage(
        **localized("title", {"vi": "Hồ Ba Bể", "en": "Ba Bể lake"}),
        **localized("slug", {c: "ba-be" for c in LANGUAGES}),
        **localized("summary", {"vi": "Hồ nước ngọt tự nhiên.", "en": "A natural freshwater lake."}),
        district=district,
        latitude=Decimal("22.417"),
        longitude=Decimal("105.624"),
    )
    sections["tourism"].add_child(instance=lake)
    lake.save_revision().publish()
    titles, slugs = {"vi": "Tin mẫu", "en": "Sample news"}, {"vi": "tin", "en": "news"}
    article = make_article(sections["editorial"], titles, slugs, datetime.date(2021, 3, 1))
    leaves = {"tourism": lake, "editorial": article}
    return sections, leaves


CHILD_TYPES = {"tourism": ("promotion", "destinationpage"), "editorial": ("news", "articlepage")}


def make_user(django_user_model, username, department_key=None, role_key=None):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "password")
    if department_key:
        role = next(role for role in ROLES if role.key == role_key)
        user.groups.add(Group.objects.get(name=group_name(DEPARTMENT[department_key], role)))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def section_form_data(page, **changes):
    """The edit form of a section page as its editor sees it, with `changes` (e.g. title_en=...)."""
    page = page.get_latest_revision_as_object()
    fields = {}
    for name in ("title", "slug", "seo_title", "search_description", "intro"):
        fields.update({f"{name}_{code}": getattr(page, f"{name}_{code}") or "" for code in LANGUAGES})
    ready = changes.pop("ready_languages", [code for code in LANGUAGES[1:] if page.is_ready(code)])
    fields.update(changes)
    return {"ready_languages": ready, **nested_form_data({**fields, "comments": inline_formset([])})}


def edit(client, page, **changes):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), section_form_data(page, **changes))


def workflow_action(client, page, action, comment=""):
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})
