"""Values read from a query string, which anyone can write: a value the page does not offer is ignored,
never an error.

`str.isdigit()` is true of "²", which int() refuses, and int() reads "٣" and "２": a number here is
ASCII digits only, short enough for the database. Text loses its control characters, since PostgreSQL
refuses a NUL in a query where SQLite takes it.
"""

import datetime
import re

import django_filters
from django import forms

NUMBER = re.compile(r"-?[0-9]{1,18}")  # fits a 64-bit integer column
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_SEARCH_LENGTH = 255


def get_int(query, name, minimum=None, maximum=None):
    """The parameter as an int; None when it is missing, not a number or outside [minimum, maximum]."""
    value = query.get(name, "")
    if not NUMBER.fullmatch(value):
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def get_choice(query, name, choices):
    """The one of `choices` the parameter names, compared as text (a year, an id, a slug); else None."""
    value = query.get(name, "")
    return next((choice for choice in choices if str(choice) == value), None)


def get_text(query, name, max_length):
    """The parameter without control characters or surrounding spaces, cut to `max_length`."""
    return CONTROL.sub("", query.get(name, ""))[:max_length].strip()


class YearFilter(django_filters.NumberFilter):
    """A year for the admin's filters: a whole number that a date can hold, else the form says it is invalid
    (Django's `__year` lookup raises ValueError or OverflowError outside 1 to 9999)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", datetime.MINYEAR)
        kwargs.setdefault("max_value", datetime.MAXYEAR)
        super().__init__(*args, **kwargs)


class BoundedSearchMixin:
    """For the admin's listings that search in the database: the words searched for are cut to
    MAX_SEARCH_LENGTH characters, since SQLite refuses a LIKE pattern over 50,000 bytes."""

    @property
    def search_query(self):
        return super().search_query[:MAX_SEARCH_LENGTH]
