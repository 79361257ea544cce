"""RSS 2.0 and Atom feeds of a news section, in the language of the address they are read at
(Django's Feed declares the active language)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, section):
        super().__init__()
        self.section = section

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.section.title

    def description(self):
        return self.section.intro or self.section.title

    subtitle = description

    def link(self):
        return self.section.get_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return self.section.latest_articles()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
