"""The demo's news: topics, sections and sample articles from articles.json (see load_demo)."""

import json
from pathlib import Path

from home.demo_loading import hero_placeholder, load_pages, load_snippets
from news.models import ArticlePage, RelatedArticle, Topic

ARTICLES_FILE = Path(__file__).resolve().parent / "articles.json"


def load(pages, log):
    content = json.loads(ARTICLES_FILE.read_text(encoding="utf-8"))
    load_snippets(Topic, content["topics"])
    news = {
        "key": "news",
        "type": "news.ArticleIndexPage",
        "parent": "news-and-press",
        "previous_parent": "home",
        "show_in_menus": True,
        **content["news"],
    }
    sections = [{"type": "news.ArticleIndexPage", "parent": "news", **section} for section in content["sections"]]
    articles = [
        {
            "type": "news.ArticlePage",
            "parent": article["section"],
            "facts": {"date": article["date"]},
            **hero_placeholder(article["title"], article["image_caption"]),
            **{key: article[key] for key in ("key", "title", "slug", "summary", "source", "body", "topics")},
        }
        for article in content["articles"]
    ]
    load_pages([news, *sections, *articles], pages, log)
    for article in content["articles"]:
        link_related(pages[article["key"]], [pages[key] for key in article.get("related", [])])


def link_related(page, related):
    page = ArticlePage.objects.get(pk=page.pk)
    if [link.article_id for link in page.related_links.all()] == [article.pk for article in related]:
        return
    page.related_links = [RelatedArticle(article_id=article.pk, sort_order=i) for i, article in enumerate(related)]
    page.save_revision().publish()
