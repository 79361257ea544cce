from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput
from wagtail_modeltranslation.patch_wagtailadmin_forms import PatchedCopyForm

from .edit_conflicts import EditConflictFormMixin
from .editorial import can_write_source
from .slugs import ascii_slug, slug_formatters


def translation_fieldnames(model):
    """The columns translators write: the model's translated fields in every language but the source."""
    return {
        build_localized_fieldname(name, code)
        for name in translator.get_options_for_model(model).all_fields
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }


class PortalPageForm(EditConflictFormMixin, WagtailAdminPageForm):
    """The page editor, with each language's readiness, and translators kept to the other languages; it refuses
    to save over a version saved after it was loaded (see `edit_conflicts`)."""

    ready_languages = forms.MultipleChoiceField(
        label=_("Translations ready for readers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Readers see a language only when it is ticked here and the page is published. "
            "Until then they get the English or Vietnamese text with a notice."
        ),
    )
    confirmed_languages = forms.MultipleChoiceField(
        label=_("Translations checked against the current Vietnamese text"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a stale translation that still says what the Vietnamese text says."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        for name in ("ready_languages", "confirmed_languages"):
            self.fields[name].choices = others
        self.initial.setdefault("ready_languages", [code for code, _name in others if self.instance.is_ready(code)])
        for code, _name in settings.LANGUAGES:
            slug = self.fields.get(build_localized_fieldname("slug", code))
            if slug is not None:
                slug.required = False  # made from the title when left empty (`PortalPage.fill_slugs`)
                slug.widget = SlugInput(attrs=slug.widget.attrs, formatters=slug_formatters(code), locale=code)
        self.translation_only = self.for_user is not None and not can_write_source(self.for_user, self.instance)
        # A page made in code has no translation state yet: its text as it was before this edit is
        # what its translations were written from.
        self.fingerprints_before = {code: self.instance.text_fingerprint(code) for code, _name in settings.LANGUAGES}
        if self.translation_only:
            for name, field in self.fields.items():
                if name not in self.translation_fields():
                    field.disabled = True

    def translation_fields(self):
        return {"ready_languages", "confirmed_languages"} | translation_fieldnames(type(self.instance))

    def clean(self):
        cleaned_data = super().clean()
        names = dict(settings.LANGUAGES)
        for code in cleaned_data.get("ready_languages", []):
            if not cleaned_data.get(build_localized_fieldname("title", code)):
                self.add_error(
                    "ready_languages",
                    _("%(language)s cannot be ready without a title in %(language)s.") % {"language": names[code]},
                )
        if self.translation_only and any(
            formset.has_changed() for prefix, formset in self.formsets.items() if prefix != "comments"
        ):
            raise forms.ValidationError(_("Translators can change only the text of other languages."))
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=False)
        page.record_translations(
            ready=set(self.cleaned_data["ready_languages"]),
            confirmed=set(self.cleaned_data["confirmed_languages"]),
            before=self.fingerprints_before,
        )
        if commit:
            page.save()
            self.save_m2m()
        return page


class AsciiSlugField(forms.SlugField):
    """A slug typed with diacritics or in Lao or Khmer script is transliterated (see `slugs`), not refused."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if value.isascii() else ascii_slug(value)


class PortalCopyForm(PatchedCopyForm):
    """wagtail-modeltranslation's copy form (one title and slug per language), whose slugs are ASCII as in the
    page editor: it proposes the page's slugs made ASCII (a page saved before that rule may have others), and
    transliterates what is typed, in the browser and on the server."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            name = "new_" + build_localized_fieldname("slug", code)
            if (field := self.fields.get(name)) is not None:
                self.fields[name] = AsciiSlugField(
                    initial=ascii_slug(field.initial) if field.initial else field.initial,
                    label=field.label,
                    required=field.required,
                    widget=SlugInput(formatters=slug_formatters(code), locale=code),
                )
