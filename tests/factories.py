"""Build pages the way an editor would get them: saved, with a published revision."""

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage


def localized(field_name, values):
    return {build_localized_fieldname(field_name, code): value for code, value in values.items()}


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def make_home():
    home = HomePage(
        **localized("title", {"vi": "Trang chủ", "en": "Home", "lo": "ໜ້າຫຼັກ", "km": "ទំព័រដើម"}),
        **localized("slug", {"vi": "trang-chu", "en": "home", "lo": "na-lak", "km": "tumpoa-daeum"}),
        **localized("intro", {"vi": "Chào mừng", "en": "Welcome", "lo": "ຍິນດີຕ້ອນຮັບ", "km": "សូមស្វាគមន៍"}),
    )
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.save()
    placeholder.delete()
    return home


def make_standard_page(parent, titles, slugs, bodies=None, **kwargs):
    page = StandardPage(
        **localized("title", titles),
        **localized("slug", slugs),
        **{build_localized_fieldname("body", code): paragraph(text) for code, text in (bodies or {}).items()},
        show_in_menus=True,
        **kwargs,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_section(parent, titles, slugs, intro=None):
    from news.models import ArticleIndexPage

    section = ArticleIndexPage(
        **localized("title", titles), **localized("slug", slugs), **localized("intro", intro or {})
    )
    parent.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_article(section, titles, slugs, date, summaries=None, topics=(), **kwargs):
    from news.models import ArticlePage

    article = ArticlePage(
        **localized("title", titles),
        **localized("slug", slugs),
        **localized("summary", summaries or {code: f"Summary: {title}" for code, title in titles.items()}),
        date=date,
        **kwargs,
    )
    section.add_child(instance=article)
    article.topics.set(topics)
    article.save_revision().publish()
    return article
