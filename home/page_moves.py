"""A moved page keeps its old addresses in every language: each one redirects (301) to the new one.

Wagtail's redirects app creates the redirects of a move for the language active when the page moves
(`/vi/diem-den/` when an editor works in Vietnamese), as it knows one `url_path`. Each language has its
own (modeltranslation's `url_path_en`, ...), so this runs Wagtail's own handler once more for every other
language, with that language's old and new paths. The redirect points to the page, not to a fixed
address: a reader arriving at `/lo/<old path>/` is sent to the page's Lao address.
"""

from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
from wagtail.models import Page
from wagtail.signals import post_page_move, pre_page_move

from .models import language_codes

_paths_before = {}  # page id → {language: url_path}, from pre_page_move to post_page_move


def url_paths(page_id):
    fields = [build_localized_fieldname("url_path", code) for code in language_codes()]
    values = Page.objects.filter(pk=page_id).values(*fields).first() or {}
    return {code: values.get(field) for code, field in zip(language_codes(), fields, strict=True)}


def remember_paths(sender, instance, **kwargs):
    _paths_before[instance.pk] = url_paths(instance.pk)


def redirect_every_language(sender, instance, **kwargs):
    before = _paths_before.pop(instance.pk, None)
    if before is None:
        return
    after = url_paths(instance.pk)
    page = Page.objects.get(pk=instance.pk)
    active = translation.get_language()
    for code in language_codes():
        if code == active or not before[code] or before[code] == after[code]:
            continue  # Wagtail's own handler did the active language
        with translation.override(code):
            autocreate_redirects_on_page_move(page, url_path_after=after[code], url_path_before=before[code])


def connect_signals():
    pre_page_move.connect(remember_paths, dispatch_uid="home.page_moves.remember_paths")
    post_page_move.connect(redirect_every_language, dispatch_uid="home.page_moves.redirect_every_language")
