"""Admin dropdowns and filters that list a model's rows in the reader's order (`home.collation`), not the database's.

A database sorts names by code point ("Trung tâm" before "Tạp chí") and a row's label may not even be a column
(a unit shows its short name when it has one), so the choices are sorted by their labels as the user sees them.
A model's app calls `list_in_collated_order(Model)` once (in its `AppConfig.ready`); then every admin form field
for a foreign key or many-to-many relation to it, and every listing filter built by `CollatedFilterSet`, is in
that order. Choices are sorted in Python: for lists of a few hundred rows, as a dropdown is.
"""

import django_filters
from django import forms
from django.db import models
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import register_form_field_override

from .collation import collation_key

collated_models = set()


def is_row(choice):
    return isinstance(choice[0], ModelChoiceIteratorValue)


class CollatedChoicesMixin:
    """A model choice iterator whose rows come in the active language's order of their labels; the empty and
    "none" choices keep their places."""

    def __iter__(self):
        choices = list(super().__iter__())
        rows = iter(sorted(filter(is_row, choices), key=lambda choice: collation_key(choice[1])))
        for choice in choices:
            yield next(rows) if is_row(choice) else choice


class CollatedModelChoiceIterator(CollatedChoicesMixin, ModelChoiceIterator):
    pass


class CollatedModelChoiceField(forms.ModelChoiceField):
    iterator = CollatedModelChoiceIterator


class CollatedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = CollatedModelChoiceIterator


class CollatedFilterChoiceIterator(CollatedChoicesMixin, django_filters.fields.ModelChoiceIterator):
    pass


class CollatedFilterChoiceField(django_filters.fields.ModelChoiceField):
    iterator = CollatedFilterChoiceIterator


class CollatedFilterMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    iterator = CollatedFilterChoiceIterator


class CollatedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CollatedFilterChoiceField


class CollatedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = CollatedFilterMultipleChoiceField


COLLATED_FILTERS = {
    django_filters.ModelChoiceFilter: CollatedModelChoiceFilter,
    django_filters.ModelMultipleChoiceFilter: CollatedModelMultipleChoiceFilter,
}


class CollatedFilterSet(WagtailFilterSet):
    """Filters generated for relations to the models of `list_in_collated_order` list them in collated order."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if field.is_relation and field.related_model in collated_models:
            filter_class = COLLATED_FILTERS.get(filter_class, filter_class)
        return filter_class, params


def many_to_many_override(db_field):
    # Wagtail's registry takes a related model only for foreign keys: many-to-many fields ask here.
    if db_field.related_model in collated_models:
        return {"form_class": CollatedModelMultipleChoiceField}
    return None


def list_in_collated_order(model):
    """Admin forms and filters list `model`'s rows by their labels in the active language's order."""
    collated_models.add(model)
    register_form_field_override(models.ForeignKey, to=model, override={"form_class": CollatedModelChoiceField})
    register_form_field_override(models.ManyToManyField, override=many_to_many_override)
