"""Admin strings of wagtail-modeltranslation, which ships no catalogue of its own.

Listed here so that `make messages` puts them in the project's catalogues.
"""

from django.utils.translation import gettext_noop

WAGTAIL_MODELTRANSLATION_STRINGS = (
    gettext_noop("View / edit fields for"),
    gettext_noop("Page '{0}' and {1} subpages copied."),
    gettext_noop("Page '{0}' copied."),
    gettext_noop("Copy this page"),
)
