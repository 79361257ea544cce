"""Page layouts: the lead image in responsive renditions, the investment project's facts table and its
enquiry button, which opens the form with the project chosen."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import translation
from lxml import html as lxml_html
from PIL import Image
from wagtail.images import get_image_model

from home.models import PortalSettings
from promotion.models import InvestorEnquiryPage
from tests.conftest import LANGUAGES
from tests.factories import localized
from tests.promotion.test_investment import investment, make_project  # noqa: F401  (fixture)


def picture(title="Hồ Ba Bể", size=(1600, 900)):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    image = get_image_model()(title=title, description_vi=title, description_en="Ba Bể lake", credit="Sở VHTTDL")
    image.file = ImageFile(buffer, name="lake.png")
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.fixture
def enquiry(site_tree):
    page = InvestorEnquiryPage(
        **localized("title", {"vi": "Hỏi đáp đầu tư", "en": "Investor enquiries"}),
        **localized("slug", {"vi": "hoi-dap-dau-tu", "en": "investor-enquiries"}),
        **localized("thank_you", {"vi": "Cảm ơn.", "en": "Thank you."}),
        handling_group=Group.objects.get(name="Xúc tiến đầu tư: Tiếp nhận câu hỏi"),
    )
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    return page


def project_path(language):
    return "/vi/invest/du-an-1/" if language == "vi" else f"/{language}/invest/project-1/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_leads_with_its_image_and_a_table_of_facts(client, investment, default_site, language):  # noqa: F811
    portal = PortalSettings.for_site(default_site)
    portal.vnd_per_usd = Decimal("25000")
    portal.save()
    from promotion.models import District

    district = District.objects.create(slug="ba-be", name_vi="Ba Bể", name_en="Ba Bể district")
    make_project(
        investment, 1, capital_vnd=250_000_000_000, area_ha=Decimal("12.50"), district=district,
        hero_image=picture(), contact="Trung tâm Xúc tiến đầu tư, xuctien@backan.example.org",
    )  # fmt: skip
    document = lxml_html.fromstring(client.get(project_path(language)).content.decode())
    main = document.xpath('//*[contains(@class, "layout__main")]')[0]
    assert main[0].tag == "figure" and main[0].xpath(".//img")  # the image comes first
    rows = {
        row.xpath("string(th)").strip(): " ".join(row.xpath("string(td)").split())
        for row in main.xpath('.//table[@class="project-facts"]//tr')
    }
    with translation.override(language):
        from django.utils.translation import gettext

        assert rows[gettext("Sector")] == gettext("Tourism and services")
        assert "Ba Bể" in rows[gettext("District")]
        assert re.match(r"250[.,\u00a0 ]000[.,\u00a0 ]000[.,\u00a0 ]000 VND\s*≈ US\$ 10[.,\u00a0 ]000[.,\u00a0 ]000",
                        rows[gettext("Total capital")])  # fmt: skip
        assert rows[gettext("Area")] == ("12.50 ha" if language == "en" else "12,50 ha")
    assert document.xpath('//a[@href="mailto:xuctien@backan.example.org"]')


@pytest.mark.parametrize("language", LANGUAGES)
def test_enquire_button_opens_the_form_with_the_project_chosen(client, investment, enquiry, language):  # noqa: F811
    project = make_project(investment, 1, sector="agriculture-forestry")
    document = lxml_html.fromstring(client.get(project_path(language)).content.decode())
    [button] = document.xpath('//a[contains(@class, "button") and contains(@href, "?project=")]')
    assert button.get("href").endswith(f"?project={project.pk}")
    form = lxml_html.fromstring(client.get(button.get("href")).content.decode())
    title = project.title_vi if language == "vi" else project.title_en
    assert form.xpath('//input[@name="project"]/@value') == [title]
    assert form.xpath('//select[@name="sector"]/option[@selected]/@value') == ["agriculture-forestry"]


@pytest.mark.parametrize("value", ["", "abc", "0", "-1", "99999", "1e3", "²", "9" * 30])
def test_a_bad_project_in_the_enquiry_address_is_ignored(client, investment, enquiry, value):  # noqa: F811
    make_project(investment, 1)
    unpublished = make_project(investment, 2)
    unpublished.unpublish()
    for query in (value, str(unpublished.pk)):
        response = client.get("/en/investor-enquiries/", {"project": query})
        assert response.status_code == 200
        form = lxml_html.fromstring(response.content.decode())
        assert form.xpath('//input[@name="project"]/@value') == []


def test_a_posted_enquiry_keeps_what_the_reader_wrote(client, investment, enquiry):  # noqa: F811
    project = make_project(investment, 1)
    response = client.post(f"/en/investor-enquiries/?project={project.pk}", {"project": "Another one"})
    form = lxml_html.fromstring(response.content.decode())
    assert form.xpath('//input[@name="project"]/@value') == ["Another one"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_lead_image_is_responsive_and_keeps_its_place(client, investment, language):  # noqa: F811
    make_project(investment, 1, hero_image=picture())
    document = lxml_html.fromstring(client.get(project_path(language)).content.decode())
    [image] = document.xpath('//figure[contains(@class, "figure--lead")]//img')
    assert ".webp 480w" in image.get("srcset") and ".webp 1200w" in image.get("srcset")
    assert image.get("sizes") and image.get("width") and image.get("height")
    assert int(image.get("width")) * 9 == int(image.get("height")) * 16  # the image's own proportions
    assert document.xpath('string(//figure[contains(@class, "figure--lead")]//*[@class="figure__credit"])') == (
        "Sở VHTTDL"
    )


def test_publication_cover_is_responsive_and_keeps_its_place(client, site_tree):
    from promotion.models import PublicationIndexPage, PublicationPage

    index = PublicationIndexPage(**localized("title", {"vi": "Ấn phẩm", "en": "Publications"}),
                                 **localized("slug", {"vi": "an-pham", "en": "publications"}))  # fmt: skip
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    guide = PublicationPage(**localized("title", {"vi": "Cẩm nang", "en": "Guide"}),
                            **localized("slug", {"vi": "cam-nang", "en": "guide"}),
                            **localized("summary", {"vi": "Cẩm nang du lịch.", "en": "A travel guide."}),
                            year=2021, cover=picture("Bìa", (595, 842)))  # fmt: skip
    index.add_child(instance=guide)
    guide.save_revision().publish()
    document = lxml_html.fromstring(client.get("/en/publications/guide/").content.decode())
    [image] = document.xpath('//figure[contains(@class, "figure--cover")]//img')
    assert ".webp 320w" in image.get("srcset") and ".webp 595w" in image.get("srcset")  # never enlarged
    assert (image.get("width"), image.get("height")) == ("320", "452")
