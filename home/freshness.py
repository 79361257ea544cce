"""A number that changes whenever what readers may see changes: a page published, unpublished,
moved or deleted, or its view restriction added or removed. Views that cache what they render
(the sitemap) put it in their cache key, so that nothing stale is served after such a change, on
any server that shares the cache."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

KEY = "portal:content-version"


def content_version():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY, 0)  # 0 when the cache is down: nothing is cached then anyway
    return version


def changed(**kwargs):
    cache.set(KEY, time.time_ns(), None)


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid=f"freshness:{signal}")
    post_delete.connect(changed, sender=Page, dispatch_uid="freshness:page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(changed, sender=PageViewRestriction, dispatch_uid=f"freshness:restriction:{signal}")
