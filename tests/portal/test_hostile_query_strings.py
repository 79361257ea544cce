"""Every query parameter the portal reads, public and admin, given hostile values: never a server error.

The parameters come from the views (`request.GET` in the apps, the filters of the listings and reports);
`test_every_parameter_read_in_the_code_is_fuzzed` fails when a view reads one this table does not name.
A bad value is ignored, or reported on the admin's filter form: the page answers 200, never 500.
Runs on SQLite and PostgreSQL (which refuses a NUL in a query where SQLite takes it), on the demo.
"""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.admin.viewsets import viewsets

from library.models import DocumentIndexPage
from news.models import ArticleIndexPage
from promotion.models import (
    DestinationIndexPage,
    EventIndexPage,
    EventPage,
    InvestmentIndexPage,
    ProductIndexPage,
    PublicationIndexPage,
)
from tests.conftest import LANGUAGES

HOSTILE = {
    "superscript digit": "²",  # a digit to str.isdigit(), not to int()
    "Arabic-Indic digit": "٣",  # a digit to int()
    "negative": "-1",
    "huge": "99999999999999999999",
    "exponent": "1e400",  # a valid Decimal, an infinite float
    "NUL and control characters": "2021\x00\x1b\u202e",
    "100 KB of digits": "9" * 100_000,  # past int()'s limit of 4,300 digits
    "empty": "",
    "repeated, the last hostile": ["2021", "²"],
}

PROJECT_APPS = {"home", "news", "promotion", "library", "press", "search", "plans"}
LISTING_PARAMETERS = ["q", "p", "ordering", "export"]


@pytest.fixture
def admin(loaded_demo, db):
    return get_user_model().objects.get(username="admin")


def url_in(page, language="en"):
    with translation.override(language):
        return page.get_url()


def first(model):
    return model.objects.live().first().specific


def public_targets():
    """(address, fixed parameters, parameters sent together) of every public page that reads its query
    string, and of the listings, feeds and calendars that do not (a parameter must change nothing there).

    Each public parameter is read on its own, so one request sends the value in all of a page's parameters;
    the search's filters only once there are words to search for."""
    news = first(ArticleIndexPage)
    investment = first(InvestmentIndexPage)
    library = first(DocumentIndexPage)
    events = first(EventIndexPage)
    targets = [
        (url_in(news), {}, ["topic", "year", "page"]),
        (url_in(news) + "feed/rss/", {}, ["topic", "year", "page"]),
        (url_in(news) + "feed/atom/", {}, ["topic", "year", "page"]),
        (url_in(investment), {}, [name for name, _label, _choices in investment.filter_choices()]),
        (url_in(library), {}, ["number", "page", *(name for name, _label, _choices in library.filter_choices())]),
        (url_in(events), {}, ["when"]),
        (url_in(events) + "calendar/", {}, ["when"]),
        (url_in(first(EventPage)) + "ics/", {}, ["when"]),
        *((url_in(first(model)), {}, ["page"]) for model in (DestinationIndexPage, ProductIndexPage)),
        (url_in(first(PublicationIndexPage)), {}, ["page"]),
        ("/en/search/", {"q": "Ba Bể"}, ["type", "year", "page"]),
    ]
    for language in LANGUAGES:  # words are split per language
        targets += [(f"/{language}/search/", {}, ["q"]), (f"/{language}/search/suggest/", {}, ["q"])]
    return targets


def filter_parameters(filterset_class, request):
    """The query parameters of a filter set's form (a date range has one per end), and those of them
    that take any value (numbers, dates, text) rather than one of a list of choices."""
    if filterset_class is None:
        return [], []
    filterset = filterset_class(None, queryset=filterset_class._meta.model._default_manager.none(), request=request)
    names, free = [], []
    for name, field in filterset.form.fields.items():
        suffixes = getattr(field.widget, "suffixes", None)
        field_names = [field.widget.suffixed(name, suffix) for suffix in suffixes] if suffixes else [name]
        names += field_names
        if not isinstance(field, (forms.ChoiceField, forms.NullBooleanField)):
            free += field_names
    return names, free


def listing_targets(view, request):
    """Every filter of a listing at once, with its search, page and order, on the whole page; and each
    filter that takes any value alone, on the results (a form with one invalid field applies none of its
    filters, which would hide the others; a choice is one of the list or refused by the form)."""
    filters, free = filter_parameters(view.filterset_class, request)
    results, index = reverse(view.index_results_url_name), reverse(view.index_url_name)
    return [(index, {}, [*filters, *LISTING_PARAMETERS]), *((results, {}, [name]) for name in free)]


def admin_targets(request):
    """The listings of the project's own viewsets, its reports, and the forms that read the query string."""
    from plans.reports import TimelineReportView, UnitStatusReportView
    from press.views import DelegationYearReportView
    from search.wagtail_hooks import PopularSearchesReportView

    reverse("wagtailadmin_home")  # the viewsets register with the admin's URLs
    targets = []
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not isinstance(model, type) or model._meta.app_label not in PROJECT_APPS:
            continue
        if not hasattr(viewset, "index_view_class"):  # choosers
            continue
        index = viewset.construct_view(viewset.index_view_class, **viewset.get_index_view_kwargs())
        targets += listing_targets(index.view_class(**index.view_initkwargs), request)
    for view in (UnitStatusReportView, TimelineReportView, DelegationYearReportView, PopularSearchesReportView):
        targets += listing_targets(view, request)
    return targets + [
        (reverse("plan_reports:add"), {}, ["task", "period", "text", "evidence_links"]),
        (reverse("plan_consolidated_reports"), {}, ["plan"]),
        (reverse("press_digests"), {}, ["year", "month"]),
    ]


def translation_targets(request):
    from home.views import TranslationStatusReportView

    return listing_targets(TranslationStatusReportView, request)


def server_errors(client, targets):
    """(address, parameters, value) of every request that was not answered with a 200."""
    wrong = []
    for address, fixed, names in targets:
        for label, value in HOSTILE.items():
            response = client.get(address, {**fixed, **dict.fromkeys(names, value)})
            if response.status_code != 200:
                wrong.append(f"{address} {', '.join(names)} = {label}: {response.status_code}")
    return wrong


def test_public_pages_never_answer_a_hostile_query_with_a_server_error(admin):
    wrong = server_errors(Client(raise_request_exception=False), public_targets())
    assert not wrong, "\n".join(wrong)


def admin_request(rf, user):
    request = rf.get("/")
    request.user = user
    return request


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_admin_listings_and_reports_never_answer_a_hostile_query_with_a_server_error(admin, rf):
    wrong = server_errors(signed_in(admin), admin_targets(admin_request(rf, admin)))
    assert not wrong, "\n".join(wrong)


def test_the_translation_status_report_never_answers_a_hostile_query_with_a_server_error(admin, rf):
    """As a department's reviewer, who sees the report for their section: the whole site's takes long."""
    reviewer = get_user_model().objects.get(username="investment-reviewer")
    wrong = server_errors(signed_in(reviewer), translation_targets(admin_request(rf, reviewer)))
    assert not wrong, "\n".join(wrong)


# request.GET.get("x"), request.GET["x"], get_int(request.GET, "x"), "x" in request.GET
READ = re.compile(r"""GET(?:\.get\(|\.getlist\(|\[|,)\s*["'](\w+)["']|["'](\w+)["'] in (?:self\.)?request\.GET""")


def test_every_parameter_read_in_the_code_is_fuzzed(admin, rf):
    """A new `request.GET.get("x")` in an app fails here until the table above sends "x"."""
    targets = public_targets() + admin_targets(admin_request(rf, admin)) + translation_targets(admin_request(rf, admin))
    fuzzed = {name for _address, fixed, names in targets for name in [*fixed, *names]}
    read = set()
    for app in PROJECT_APPS | {"portal"}:
        for source in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            read |= {name for match in READ.finditer(source.read_text(encoding="utf-8")) for name in match.groups()}
    read.discard(None)
    assert {"year", "number", "q", "when", "task"} <= read, "the pattern no longer finds how views read parameters"
    assert read - fuzzed == set()
