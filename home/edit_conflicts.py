"""Saving a form loaded before someone else saved the same object is refused, instead of undoing their change.

Wagtail checks this only for autosave (`EditView.is_out_of_date`): the edit form of a page or a snippet with
revisions carries the revision it was loaded at, and an autosave over a newer revision is refused. The forms
here apply the same rules to every save (draft, submit, publish, workflow actions). A record without
revisions (a snippet, a plan record) carries a digest of each of its fields as loaded instead, so that the
refusal can name what the other person changed.

The refused form is shown again with the user's input, at the newer version: saving it again replaces the
other person's version, knowingly.
"""

import hashlib
import json

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from modelcluster.models import ClusterableModel, get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, RevisionMixin

VERSION_FIELD = "loaded_version"


def revision_out_of_date(latest_revision, data):
    """Whether the form posted `data` was loaded (or last autosaved) at a revision that is no longer the latest.

    Wagtail's own rules for autosave, on the fields its edit templates carry: `overwrite_revision_id` once the
    form has autosaved, else `loaded_revision_id` and its time (an autosave overwrites a revision in place).
    A form without them (not loaded from an edit page) is taken as up to date, as Wagtail does.
    """
    if latest_revision is None:
        return False
    if overwrite_revision_id := data.get("overwrite_revision_id"):
        return overwrite_revision_id != str(latest_revision.pk)
    if loaded_revision_id := data.get("loaded_revision_id"):
        loaded_at = data.get("loaded_revision_created_at", "")
        return loaded_revision_id != str(latest_revision.pk) or loaded_at != latest_revision.created_at.isoformat()
    return False


def translated_fieldnames(model):
    """The fields whose value is that of the active language: each language's own column is compared instead."""
    try:
        return translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return set()


def field_values(instance):
    """The values a form may change: editable fields (empty as "", which a form saves for None) and many-to-many
    relations."""
    values = {}
    translated = translated_fieldnames(type(instance))
    for field in instance._meta.concrete_fields:
        if field.editable and not field.primary_key and field.name not in translated:
            value = field.value_from_object(instance)
            values[field.name] = "" if value is None else value
    for field in instance._meta.many_to_many:
        if field.editable:
            values[field.name] = sorted(related.pk for related in field.value_from_object(instance))
    return values


def record_digests(instance):
    """A short digest of each field, relation and inline list (child relation) of a saved record."""
    values = field_values(instance)
    if isinstance(instance, ClusterableModel):
        for relation in get_all_child_relations(instance):
            children = getattr(instance, relation.get_accessor_name()).all()
            values[relation.get_accessor_name()] = [(child.pk, field_values(child)) for child in children]
    return {
        name: hashlib.sha256(json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True).encode()).hexdigest()[:12]
        for name, value in values.items()
    }


def encode_digests(digests):
    return ",".join(f"{name}:{digest}" for name, digest in sorted(digests.items()))


def decode_digests(value):
    return dict(item.split(":", 1) for item in value.split(",") if ":" in item)


def field_label(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if field.auto_created and not field.concrete:  # an inline list: the related model's plural name
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


class EditConflictFormMixin:
    """For an admin model form: refuses to save over a version saved after the form was loaded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_digests = None
        if self.instance.pk is not None and not isinstance(self.instance, RevisionMixin):
            # On a bound form, the record as it is now in the database; on a new form, as the user gets it.
            self.saved_digests = record_digests(self.instance)
            self.fields[VERSION_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=encode_digests(self.saved_digests)
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        if isinstance(self.instance, RevisionMixin):
            message = self.revision_conflict()
        else:
            message = self.record_conflict(cleaned_data.get(VERSION_FIELD))
        if message:
            self.add_error(None, message)
        return cleaned_data

    def saved_by(self, user=None):
        """The first sentence of a refusal: who saved the newer version, when known."""
        names = {"model_name": self.instance._meta.verbose_name, "user": get_user_display_name(user)}
        if user is None:
            return (
                _(
                    "Someone else saved this %(model_name)s after you opened it, so your changes were not saved: "
                    "they would have undone theirs."
                )
                % names
            )
        return (
            _(
                "%(user)s saved this %(model_name)s after you opened it, so your changes were not saved: "
                "they would have undone theirs."
            )
            % names
        )

    def revision_conflict(self):
        latest = self.instance.latest_revision
        if not revision_out_of_date(latest, self.data):
            return None
        kept = _(
            "Your changes are still in the form below: compare the two versions, then save again if yours should "
            "replace theirs."
        )
        loaded = self.data.get("overwrite_revision_id") or self.data.get("loaded_revision_id")
        url = self.compare_url(loaded, latest.pk) if loaded != str(latest.pk) else None
        return refusal(self.saved_by(latest.user), kept, url, _("Compare the two versions"))

    def compare_url(self, loaded_revision_id, latest_revision_id):
        """Wagtail's comparison of the two revisions, when the one the form was loaded at is still there."""
        if not self.instance.revisions.filter(pk=loaded_revision_id).exists():
            return None
        if isinstance(self.instance, Page):
            url_name = "wagtailadmin_pages:revisions_compare"
        elif viewset := getattr(type(self.instance), "snippet_viewset", None):
            url_name = viewset.get_url_name("revisions_compare")
        else:
            return None
        return reverse(url_name, args=[quote(self.instance.pk), loaded_revision_id, latest_revision_id])

    def record_conflict(self, loaded_version):
        if not loaded_version:
            return None  # not posted from an edit page
        loaded = decode_digests(loaded_version)
        changed = [name for name, digest in self.saved_digests.items() if loaded.get(name) != digest]
        if not changed:
            return None
        # The form is shown again at the version now saved, so that saving it again replaces that version.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = encode_digests(self.saved_digests)
        fields = ", ".join(field_label(type(self.instance), name) for name in changed)
        kept = _(
            "They changed: %(fields)s. Your changes are still in the form below: save again if yours should "
            "replace theirs."
        ) % {"fields": fields}
        url = AdminURLFinder(self.for_user).get_edit_url(self.instance)
        return refusal(self.saved_by(), kept, url, _("See the saved version"))


def refusal(saved, kept, url, link_text):
    if url is None:
        return format_html("{} {}", saved, kept)
    return format_html('{} {} <a href="{}" target="_blank" rel="noopener">{}</a>', saved, kept, url, link_text)


class ConflictCheckedModelForm(EditConflictFormMixin, WagtailAdminModelForm):
    """The admin's model form, refusing to save over a newer version (for snippets and plan records)."""
