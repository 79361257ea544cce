"""Keep each page's search entries in step with what readers can see of it."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SearchEntry


def sync_page(sender, instance, **kwargs):
    SearchEntry.sync([instance])


def sync_subtree(sender, instance, **kwargs):
    """A move changes the section of every page below; a restriction hides or shows them all."""
    page = instance.page if isinstance(instance, PageViewRestriction) else instance
    SearchEntry.sync(list(page.get_descendants(inclusive=True)))


def connect_signals():
    page_published.connect(sync_page, dispatch_uid="search_entries_published")
    page_unpublished.connect(sync_page, dispatch_uid="search_entries_unpublished")
    post_page_move.connect(sync_subtree, dispatch_uid="search_entries_moved")
    post_save.connect(sync_subtree, sender=PageViewRestriction, dispatch_uid="search_entries_restricted")
    post_delete.connect(sync_subtree, sender=PageViewRestriction, dispatch_uid="search_entries_unrestricted")
