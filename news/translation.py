from modeltranslation.translator import TranslationOptions, register

from .models import ArticleIndexPage, ArticlePage, Topic


@register(Topic)
class TopicTR(TranslationOptions):
    fields = ("name",)


@register(ArticleIndexPage)
class ArticleIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ArticlePage)
class ArticlePageTR(TranslationOptions):
    fields = ("summary", "body", "hero_caption", "source")
