from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from wagtail.models import Page

from home.models import PortalPage, language_codes, reader_text_fields

from . import reader_index
from .text import index_text

PAGE_FIELDS = ("title", "seo_title", "search_description")  # Wagtail's own; the rest is the page's prose


class LanguageCopy:
    """One language's copy of an entry's text: its words on entries of that language, empty on the others.

    Each language thus has fields of its own, which Elasticsearch analyses with that language's
    analyser and a reader's search queries alone. The database backends see every copy in one
    entry and rely on the entry's language filter instead.
    """

    stemmed = True

    def __init__(self, source, language, **kwargs):
        super().__init__(f"{source}_{language}", **kwargs)
        self.source = source
        self.language = language

    def get_value(self, obj):
        if obj.language != self.language:
            return ""
        return obj.words(self.source, self.language if self.stemmed else None)

    def get_type(self, cls):
        return "TextField"

    def get_definition_model(self, cls):
        return cls


class WordsField(index.SearchField):
    """A field's words, in the field name the database backends rank above the rest ("title")."""

    def get_value(self, obj):
        return obj.words(self.field_name, obj.language)


class LanguageSearchField(LanguageCopy, index.SearchField):
    def __init__(self, source, language, **kwargs):
        super().__init__(source, language, es_extra={"analyzer": analyser_name(language)}, **kwargs)


class LanguageAutocompleteField(LanguageCopy, index.AutocompleteField):
    stemmed = False  # what the reader is typing is the start of a word, not a stem


def analyser_name(language):
    return f"portal_{language}"


class SearchEntry(index.Indexed, models.Model):
    """What a reader of one language finds of one live, public page.

    The text is the one that reader sees: the page's own translation, or where the page is not
    translated into that language, the fallback language's text (`text_language` says which).
    Entries follow their page: written when it is published, moved or its privacy changes, and
    deleted when it is unpublished or deleted.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="search_entries")
    language = models.CharField(_("language"), max_length=15)
    text_language = models.CharField(_("language of the text"), max_length=15)
    title = models.CharField(_("title"), max_length=255)
    lead = models.TextField(_("lead"), blank=True, help_text=_("Summary and facts: they weigh more than the rest."))
    text = models.TextField(_("text"), blank=True)
    page_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(Page, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)

    search_fields = [
        WordsField("title", boost=3),
        *(LanguageSearchField("title", code, boost=3) for code in language_codes()),
        *(LanguageSearchField("text", code) for code in language_codes()),
        *(LanguageAutocompleteField("title", code) for code in language_codes()),
        index.FilterField("language"),
        index.FilterField("page_type"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="one_search_entry_per_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def words(self, field_name, language):
        """A field's words as the index stores them; kept, as each backend asks for them several times."""
        cache = self.__dict__.setdefault("_words", {})
        key = (field_name, language, getattr(self, field_name))
        if key not in cache:
            cache[key] = index_text(getattr(self, field_name), language)
        return cache[key]

    @classmethod
    def _has_field(cls, name):
        """The language copies are computed, not attributes; the search_fields check must know them."""
        return any(field.field_name == name for field in cls.search_fields) or super()._has_field(name)

    @classmethod
    def searchable_pages(cls):
        return Page.objects.live().public().type(PortalPage).exclude(depth=1)

    @classmethod
    def build(cls, page, sections):
        """The unsaved entries of a (specific, live, public) page, one per language."""
        section = sections.get(page.path[: 3 * page.steplen]) if page.depth > 3 else None
        day = page.search_date()
        entries = []
        for code in language_codes():
            with translation.override(code):
                entries.append(
                    cls(
                        page=page,
                        language=code,
                        text_language=page.content_language(code),
                        title=page.title,
                        lead=page_lead(page),
                        text=page_text(page),
                        page_type_id=page.content_type_id,
                        section_id=section,
                        date=day,
                        year=day.year if day else None,
                    )
                )
        return entries

    @classmethod
    def sections(cls):
        """Top-level sections by tree path: what a result shows as where it belongs."""
        return dict(Page.objects.filter(depth=3).values_list("path", "pk"))

    @classmethod
    def sync(cls, pages):
        """Bring the entries of `pages` in step with their live, public state; unchanged ones are left alone."""
        ids = [page.pk for page in pages]
        existing = {(entry.page_id, entry.language): entry for entry in cls.objects.filter(page_id__in=ids)}
        sections = cls.sections()
        for page in cls.searchable_pages().filter(pk__in=ids).specific():
            for entry in cls.build(page, sections):
                current = existing.pop((entry.page_id, entry.language), None)
                if current is None or model_values(current) != model_values(entry):
                    entry.pk = current.pk if current else None
                    entry.save()
                    reader_index.write([entry])
        for gone in existing.values():
            gone.delete()  # one by one, so the search backends drop them too


def model_values(entry):
    return {
        field.attname: getattr(entry, field.attname)
        for field in SearchEntry._meta.concrete_fields
        if field.attname not in ("id", "page_id", "language")
    }


def page_text(page):
    """The prose of a page in the active language (with fallback), summary first, as plain text."""
    texts = []
    for name in prose_fields(page):
        value = getattr(page, name)
        field = page._meta.get_field(name)
        if value and hasattr(field, "get_searchable_content"):
            texts.extend(field.get_searchable_content(value))
        elif value:
            texts.append(str(value))
    return joined([*texts, *page.search_terms()])


def page_lead(page):
    """What the page says of itself in short: its plain fields (summary, venue…) but captions, and its facts."""
    fields = [
        name
        for name in prose_fields(page)
        if not hasattr(page._meta.get_field(name), "get_searchable_content") and not name.endswith("caption")
    ]
    return joined([*(str(getattr(page, name) or "") for name in fields), *page.search_terms(), *page.search_facts()])


def prose_fields(page):
    return [name for name in reader_text_fields(type(page)) if name not in PAGE_FIELDS] + ["search_description"]


def joined(texts):
    return "\n".join(text.strip() for text in texts if text and text.strip())


class SearchWord(models.Model):
    """A Latin-script word of five or more letters that readers of a language can find (search.spelling)."""

    language = models.CharField(_("language"), max_length=15)
    word = models.CharField(_("word"), max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="one_search_word_per_language")]

    def __str__(self):
        return self.word
