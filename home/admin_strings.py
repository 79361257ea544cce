"""Admin strings that come from outside the project's code, listed so that `make messages` keeps them
in the project's catalogues.

wagtail-modeltranslation ships no catalogue of its own; Django's Vietnamese catalogue lacks its time
units (Wagtail's "13 minutes ago") and some validation messages staff meet in the admin; Wagtail
shows custom permissions by their stored (English) names, through gettext.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

WAGTAIL_MODELTRANSLATION_STRINGS = (
    gettext_noop("View / edit fields for"),
    gettext_noop("Page '{0}' and {1} subpages copied."),
    gettext_noop("Page '{0}' copied."),
    gettext_noop("Copy this page"),
)

# django/utils/timesince.py
DJANGO_TIME_UNITS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)

DJANGO_VALIDATION_MESSAGES = (
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("“%(pk)s” is not a valid value."),
)

# The name of home.editorial.SOURCE_PERMISSION, as stored and shown on the group form.
PERMISSION_NAMES = (gettext_noop("Can write the source text and facts of pages"),)
