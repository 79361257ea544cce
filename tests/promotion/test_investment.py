import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, PortalSettings, StandardPage
from promotion.models import (
    CAPITAL_RANGES,
    District,
    InvestmentForm,
    InvestmentIndexPage,
    InvestmentPolicyPage,
    InvestmentProjectPage,
    ProjectDossier,
    ProjectStatus,
    Sector,
)
from tests.conftest import LANGUAGES
from tests.factories import localized


@pytest.fixture
def districts(db):
    return {
        slug: District.objects.create(slug=slug, name_vi=name, name_en=name)
        for slug, name in (("ba-be", "Ba Bể"), ("cho-don", "Chợ Đồn"))
    }


@pytest.fixture
def investment(site_tree):
    index = InvestmentIndexPage(
        **localized("title", {"vi": "Đầu tư", "en": "Investment", "lo": "ການລົງທຶນ", "km": "ការវិនិយោគ"}),
        **localized("slug", {code: "invest" for code in LANGUAGES}),
    )
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_project(index, number, **facts):
    project = InvestmentProjectPage(
        **localized("title", {"vi": f"Dự án {number:02d}", "en": f"Project {number:02d}"}),
        **localized("slug", {"vi": f"du-an-{number}", "en": f"project-{number}"}),
        **localized("summary", {"vi": "Tóm tắt.", "en": "Summary."}),
        is_sample=True,
        **{"sector": "tourism-services", "investment_form": "domestic", "status": "calling", **facts},
    )
    index.add_child(instance=project)
    project.save_revision().publish()
    return project


def listed(html):
    return re.findall(r'<h2 class="article-card__title"><a href="[^"]+">([^<]+)</a>', html)


class TestPageTree(WagtailPageTestCase):
    def test_where_investment_pages_belong(self):
        self.assertAllowedParentPageTypes(InvestmentIndexPage, {HomePage, StandardPage})  # or a group of sections
        self.assertAllowedParentPageTypes(InvestmentProjectPage, {InvestmentIndexPage})
        self.assertAllowedParentPageTypes(InvestmentPolicyPage, {InvestmentIndexPage})


def test_filters_combine_and_stay_in_the_url(client, investment, districts):
    make_project(investment, 1, sector="energy", district=districts["ba-be"], capital_vnd=50_000_000_000)
    make_project(investment, 2, sector="energy", district=districts["cho-don"], capital_vnd=50_000_000_000)
    make_project(investment, 3, sector="energy", district=districts["ba-be"], capital_vnd=2_000_000_000_000)
    make_project(investment, 4, sector="tourism-services", district=districts["ba-be"], capital_vnd=50_000_000_000)
    html = client.get(
        "/en/invest/", {"sector": "energy", "district": "ba-be", "capital": "under-100bn"}
    ).content.decode()
    assert listed(html) == ["Project 01"]
    assert '<option value="energy" selected>' in html and '<option value="ba-be" selected>' in html
    assert '<option value="under-100bn" selected>' in html
    assert listed(client.get("/en/invest/", {"capital": "over-1000bn"}).content.decode()) == ["Project 03"]
    assert listed(client.get("/en/invest/", {"status": "licensed"}).content.decode()) == []


@pytest.mark.parametrize(
    "query",
    [{"sector": "mining"}, {"district": "nowhere"}, {"capital": "1e99"}, {"status": "<b>"}, {"form": ""}],
)
def test_unknown_filter_values_are_ignored(client, investment, districts, query):
    make_project(investment, 1)
    make_project(investment, 2)
    response = client.get("/en/invest/", query)
    assert response.status_code == 200
    assert listed(response.content.decode()) == ["Project 01", "Project 02"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_capital_is_shown_in_vnd_and_usd_at_the_rate_in_settings(client, investment, default_site, language):
    portal = PortalSettings.for_site(default_site)
    portal.portal_name_vi = "Cổng"
    portal.vnd_per_usd = Decimal("25000")
    portal.save()
    make_project(investment, 1, capital_vnd=250_000_000_000, area_ha=Decimal("12.50"))
    path = {"vi": "/vi/invest/du-an-1/"}.get(language, f"/{language}/invest/project-1/")
    html = client.get(path).content.decode()
    assert "≈ US$ 10" in html  # 250 billion VND at 25,000 VND/USD is 10 million dollars
    assert re.search(r"250[.,\u00a0 ]000[.,\u00a0 ]000[.,\u00a0 ]000 VND", html)
    assert 'class="badge"' in html  # sample figures are marked


def test_same_figures_in_every_language(client, investment):
    make_project(investment, 1, capital_vnd=123_000_000_000, area_ha=Decimal("7.25"))
    pages = [client.get(path).content.decode() for path in ("/vi/invest/du-an-1/", "/lo/invest/project-1/")]
    for html in pages:
        assert "123" in html and "7" in html and "25 ha" in html


def test_dossiers_in_the_readers_language_come_first(client, investment):
    project = make_project(investment, 1)
    Document = get_document_model()
    for language in ("vi", "en"):
        document = Document(title=f"Hồ sơ {language}")
        document.file.save(f"dossier-{language}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        ProjectDossier.objects.create(page=project, document=document, language=language)
    html = client.get("/en/invest/project-1/").content.decode()
    assert html.index("Hồ sơ en") < html.index("Hồ sơ vi")
    assert 'hreflang="en"' in html


def test_listing_queries_do_not_grow_with_the_number_of_projects(client, investment, districts):
    def count():
        client.get("/en/invest/")
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/invest/")
        return len(queries)

    for number in range(10):
        make_project(investment, number, district=districts["ba-be"], capital_vnd=10**11)
    with_ten = count()
    for number in range(10, 50):
        make_project(investment, number, district=districts["cho-don"], capital_vnd=10**11)
    assert count() == with_ten


CAPITALS = [50_000_000_000, 200_000_000_000, 700_000_000_000, 2_000_000_000_000, None]


def project_facts(number, districts):
    """Facts that spread projects over every choice of every filter."""
    return {
        "sector": Sector.values[number % len(Sector.values)],
        "investment_form": InvestmentForm.values[number % len(InvestmentForm.values)],
        "status": ProjectStatus.values[number % len(ProjectStatus.values)],
        "capital_vnd": CAPITALS[number % len(CAPITALS)],
        "district": [districts["ba-be"], districts["cho-don"], None][number % 3],
    }


def in_capital_range(capital, key):
    _key, _label, low, high = next(r for r in CAPITAL_RANGES if r[0] == key)
    return capital is not None and capital >= low and (high is None or capital < high)


MATCHES = {
    "sector": lambda project, value: project.sector == value,
    "district": lambda project, value: project.district is not None and project.district.slug == value,
    "form": lambda project, value: project.investment_form == value,
    "capital": lambda project, value: in_capital_range(project.capital_vnd, value),
    "status": lambda project, value: project.status == value,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_choice_of_every_filter_lists_only_its_projects(client, investment, districts, language):
    projects = [make_project(investment, number, **project_facts(number, districts)) for number in range(1, 11)]
    filters = investment.filter_choices()
    assert [name for name, _label, _choices in filters] == list(MATCHES)
    for name, _label, choices in filters:
        for value, _choice_label in choices:
            response = client.get(f"/{language}/invest/", {name: value})
            assert response.status_code == 200, (name, value)
            shown = sorted(int(re.search(r"\d+", title).group()) for title in listed(response.content.decode()))
            expected = sorted(int(p.slug_en.split("-")[1]) for p in projects if MATCHES[name](p, value))
            assert shown == expected, (name, value)
            assert f'<option value="{value}" selected>' in response.content.decode()
