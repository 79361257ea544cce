"""A page's old addresses redirect to it in every language, and pages saved before addresses were ASCII get ASCII ones.

Wagtail (WAGTAILREDIRECTS_AUTO_CREATE) redirects a page's old address when its slug changes, but only in the
language active at the save, and only when that language's slug changed. With wagtail-modeltranslation each
language has its own slug and so its own address (/vi/…, /en/…, or the address of the language it falls back to):
here a save that changes the page's slug in other languages redirects the old addresses of the page and of its
live descendants in those languages too, permanently. A moved page likewise: Wagtail redirects its old addresses
in the language active at the move, this in every other language.

`make_slugs_ascii` gives the pages saved before addresses were ASCII (see `slugs`) their ASCII slugs, with the
same redirects; a migration runs it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import BatchRedirectCreator
from wagtail.models import Page, Revision, Site
from wagtail.signals import post_page_move, pre_page_move

from .models import PortalPage, language_codes, localized_fieldnames
from .slugs import ascii_slug


def in_each_language(page, name):
    """The page's slug or URL path in each language, as its addresses use them (with modeltranslation's fallbacks)."""
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = getattr(page, name)
    return values


def url_paths(page):
    return in_each_language(page, "url_path")


def served_at(url_path, roots):
    """The address, by site, of a page whose URL path in the active language is `url_path`."""
    addresses = {}
    for site, root_path in roots:
        if url_path and url_path.startswith(root_path):
            try:
                addresses[site.pk] = Redirect.normalise_path(
                    reverse("wagtail_serve", args=[url_path[len(root_path) :]])
                )
            except NoReverseMatch:
                pass  # a path Wagtail's URL pattern refuses (Khmer vowel signs) never served the page
    return addresses


def redirect_old_addresses(page, before, languages=None):
    """Permanent redirects from the addresses the page and its live descendants had while the page's URL paths
    were `before` (by language) to the pages, in each site that serves them before and after; in `languages`
    (by default every language) where the page's URL path changed."""
    after = url_paths(page)
    changed = [code for code in languages or before if before[code] and before[code] != after[code]]
    if not changed:
        return
    sites = list(Site.objects.select_related("root_page"))
    pages = [page, *page.get_descendants().live().only("path", "depth", *localized_fieldnames("url_path"))]
    batch = BatchRedirectCreator(max_size=2000, ignore_conflicts=True)
    for code in changed:
        with translation.override(code):
            roots = [(site, site.root_page.url_path) for site in sites if site.root_page_id != page.pk]
            for target in pages:
                new_path = target.url_path
                old_path = before[code] + new_path[len(after[code]) :] if new_path.startswith(after[code]) else None
                new_addresses = served_at(new_path, roots)
                for site_id, old_address in served_at(old_path, roots).items():
                    # As Wagtail does, no redirect from one site to another.
                    if new_addresses.get(site_id, old_address) != old_address:
                        batch.add(
                            old_path=old_address, site_id=site_id, redirect_page=target, automatically_created=True
                        )
    batch.process()


def remember_addresses(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page) or instance.pk is None:
        return
    if update_fields is not None and not set(localized_fieldnames("slug")).intersection(update_fields):
        return
    stored = Page.objects.filter(pk=instance.pk).first()
    instance._addresses_before = (in_each_language(stored, "slug"), url_paths(stored)) if stored else None


def redirect_after_slug_change(sender, instance, raw=False, **kwargs):
    """A page whose slug changed in some languages: Wagtail redirects the active language's old addresses (when
    its slug changed too), this the others'."""
    remembered = instance.__dict__.pop("_addresses_before", None)
    if remembered is None or not getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True):
        return
    slugs_before, before = remembered
    now = in_each_language(instance, "slug")
    active = translation.get_language()
    languages = [code for code in language_codes() if slugs_before[code] != now[code] and code != active]
    if languages:
        page_id = instance.pk
        # After the save's transaction, which updates the descendants' URL paths after the page itself.
        transaction.on_commit(lambda: redirect_old_addresses(Page.objects.get(pk=page_id), before, languages))


_paths_before_move = {}  # page id → URL paths by language, from pre_page_move to post_page_move


def remember_addresses_before_move(sender, instance, **kwargs):
    # As stored: the instance moved may hold other languages' paths from before an earlier move.
    _paths_before_move[instance.pk] = url_paths(Page.objects.get(pk=instance.pk))


def redirect_after_move(sender, instance, **kwargs):
    before = _paths_before_move.pop(instance.pk, None)
    if before is not None:
        active = translation.get_language()  # Wagtail's own handler redirects that language's addresses
        others = [code for code in language_codes() if code != active]
        redirect_old_addresses(Page.objects.get(pk=instance.pk), before, others)


def connect_signals():
    pre_save.connect(remember_addresses, dispatch_uid="home.page_addresses.remember_addresses")
    post_save.connect(redirect_after_slug_change, dispatch_uid="home.page_addresses.redirect_after_slug_change")
    pre_page_move.connect(remember_addresses_before_move, dispatch_uid="home.page_addresses.before_move")
    post_page_move.connect(redirect_after_move, dispatch_uid="home.page_addresses.after_move")


def make_slugs_ascii():
    """Give every page saved before addresses were ASCII its ASCII slugs (as `PortalPage.fill_slugs` would at its
    next save, a suffix where a sibling has the address already), and redirect its old addresses and its
    descendants'. Returns the number of pages changed.

    It writes the tree's own columns (wagtailcore's Page, never a page type's table), so that a migration can run it
    before the content apps' later migrations. The latest revision takes the new slugs too, so that publishing a
    draft does not bring an old one back.
    """
    slug_fields = localized_fieldnames("slug")
    url_path_fields = localized_fieldnames("url_path")
    rows = Page.objects.filter(depth__gt=1).order_by("path").values_list("pk", *slug_fields)
    legacy = [pk for pk, *slugs in rows if any(slug and not slug.isascii() for slug in slugs)]
    for pk in legacy:
        page = Page.objects.get(pk=pk)  # read now: an ancestor changed before it has changed its URL paths
        before, old_slugs = url_paths(page), {field: getattr(page, field) for field in slug_fields}
        parent = page.get_parent()
        for code, field in zip(language_codes(), slug_fields, strict=True):
            slug = getattr(page, field)
            if slug and not slug.isascii():
                # `available_slug` reads only the tree, so it serves a page of any type.
                setattr(page, field, PortalPage.available_slug(page, ascii_slug(slug), parent, code))
        page.set_url_path(parent)
        new_values = {field: getattr(page, field) for field in (*slug_fields, *url_path_fields)}
        # The untranslated columns hold the default language's values, as modeltranslation keeps them.
        default_slug = build_localized_fieldname("slug", settings.LANGUAGE_CODE)
        default_url_path = build_localized_fieldname("url_path", settings.LANGUAGE_CODE)
        Page.objects.rewrite(False).filter(pk=pk).update(slug=new_values[default_slug], **new_values)

        descendants = list(Page.objects.filter(path__startswith=page.path, depth__gt=page.depth).only(*url_path_fields))
        for descendant in descendants:
            for code, field in zip(language_codes(), url_path_fields, strict=True):
                path = getattr(descendant, field)
                if path and path.startswith(before[code]):
                    setattr(descendant, field, new_values[field] + path[len(before[code]) :])
        Page.objects.bulk_update(descendants, url_path_fields)
        Page.objects.rewrite(False).filter(path__startswith=page.path).update(url_path=F(default_url_path))

        if page.latest_revision_id:
            revision = Revision.objects.get(pk=page.latest_revision_id)
            for field in ("slug", *slug_fields):
                old = old_slugs.get(field, old_slugs[default_slug])
                if revision.content.get(field) == old:
                    revision.content[field] = new_values.get(field, new_values[default_slug])
            Revision.objects.filter(pk=revision.pk).update(content=revision.content)

        redirect_old_addresses(page, before)
    return len(legacy)
