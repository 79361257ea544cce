"""Translation files: a page's missing or stale text in one language as XLIFF 1.2, and the translation back.

Outside translators (an agency in Vientiane or Phnom Penh) work in their own CAT tools. Each text of
a page is a segment: a plain or rich text field, or a text inside a StreamField block (a paragraph's
HTML, a heading, a caption, a table cell). A unit's id is the segment's path (field, block ids, child
names) and a hash of its Vietnamese text, so the import puts each translation back in its block and
refuses one whose Vietnamese text has changed since the export. Rich text travels as escaped HTML,
which the import passes through the editor's converter, so only what the editor allows gets in.

Each language's StreamField is a stream of its own. A translated block is paired with its source
block by id (the blocks an import creates keep their source block's id), or else by position among
the blocks of the same type, as in streams an editor wrote by hand.

The page's translation state is one fingerprint of the whole Vietnamese text per language, so a
segment is stale when its Vietnamese text differs from the one in the revision the translation was
written from. The file carries the fingerprint of the text it was exported from: an import records
the language as written from that text, so whatever changed since stays stale (see `import_units`).
"""

import copy
import hashlib
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import features as feature_registry

from .exports import file_name
from .models import BLOCK_KEY, PortalPage, TranslationStatus, other_languages, reader_text_fields

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
PORTAL_NS = "urn:x-portal-doingoai:xliff"  # our attribute on <file>, which XLIFF 1.2 allows
CONTENT_TYPE = "application/x-xliff+xml"
MAX_FILE_SIZE = 2 * 1024 * 1024  # a page's text is tens of kilobytes
REVISIONS_SEARCHED = 200  # for the revision a translation was written from


def q(tag):
    return f"{{{XLIFF_NS}}}{tag}"


def text_hash(text):
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def html_text(value):
    return BLOCK_KEY.sub("", str(value or ""))


def is_text(cell):
    """A table cell with words in it; cells of figures alone are facts, shared by every language."""
    return any(character.isalpha() for character in str(cell or ""))


def sanitize_html(html, features):
    """The HTML the rich text editor would store: unknown elements, attributes and link types are dropped."""
    converter = ContentstateConverter(features or feature_registry.get_default_features())
    try:
        return converter.to_database_format(converter.from_database_format(html))
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(_("The formatting could not be read.")) from error


@dataclass
class Segment:
    path: str
    label: str
    source: str
    target: str
    html: bool = False
    features: list | None = None
    check: object = field(default=None, repr=False)  # raises ValidationError for a text this place refuses

    @property
    def unit_id(self):
        return f"{self.path}#{text_hash(self.source)}"

    def clean(self, text):
        text = text.strip()
        if self.html:
            text = sanitize_html(text, self.features)
        if self.check:
            self.check(text)
        return text


def may_translate(page, user):
    """Whoever may edit a page may exchange its translation files (translators only touch other languages)."""
    return issubclass(page.specific_class or object, PortalPage) and page.permissions_for_user(user).can_edit()


def field_pair(page, name, language):
    source = page._meta.get_field(build_localized_fieldname(name, settings.LANGUAGE_CODE))
    target = page._meta.get_field(build_localized_fieldname(name, language))
    return source, target


def is_plain_text(model_field):
    return isinstance(model_field, models.CharField | models.TextField) and not isinstance(
        model_field, models.SlugField | models.URLField | models.EmailField
    )


def stream_data(value):
    return copy.deepcopy(value.get_prep_value()) if value else []


def item_value(item):
    """A list item's value, stored as `{"type": "item", "value": ..., "id": ...}` or, before Wagtail 2.16, bare."""
    is_block = isinstance(item, dict) and item.get("type") == "item" and "value" in item
    return item["value"] if is_block else item


def check_block(block):
    return lambda text: block.clean(block.to_python(text))


def page_segments(page, language):
    """Every text segment of the page's Vietnamese text, with the `language` text paired with it."""
    for name in reader_text_fields(type(page)):
        source_field, target_field = field_pair(page, name, language)
        source, target = getattr(page, source_field.attname), getattr(page, target_field.attname)
        label = str(capfirst(page._meta.get_field(name).verbose_name))
        if isinstance(source_field, StreamField):
            yield from block_segments(source_field.stream_block, stream_data(source), stream_data(target), name, label)
        elif isinstance(source_field, RichTextField):
            yield Segment(
                name,
                label,
                html_text(source),
                html_text(target),
                html=True,
                features=source_field.features,
                check=lambda text, target_field=target_field: target_field.clean(text, page),
            )
        elif is_plain_text(source_field):
            check = lambda text, target_field=target_field: target_field.clean(text, page)  # noqa: E731
            yield Segment(name, label, source or "", target or "", check=check)


def block_segments(block, source, target, path, label):
    if isinstance(block, blocks.StreamBlock):
        pairs = align(source or [], target or [])
        for index, child in enumerate(source or []):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                paired = pairs.get(index)
                yield from block_segments(
                    child_block,
                    child.get("value"),
                    None if paired is None else paired.get("value"),
                    f"{path}/{child.get('id')}",
                    f"{label} › {index + 1}. {capfirst(child_block.label)}",
                )
    elif isinstance(block, blocks.ListBlock):
        targets = [item_value(item) for item in target or []]
        for index, item in enumerate(source or []):
            yield from block_segments(
                block.child_block,
                item_value(item),
                targets[index] if index < len(targets) else None,
                f"{path}/{index}",
                f"{label} › {index + 1}",
            )
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from block_segments(
                child,
                (source or {}).get(name),
                (target or {}).get(name),
                f"{path}/{name}",
                f"{label} › {capfirst(child.label)}",
            )
    elif isinstance(block, TableBlock):
        yield from table_segments(source or {}, target or {}, path, label)
    elif isinstance(block, blocks.RichTextBlock):
        yield Segment(
            path,
            label,
            html_text(source),
            html_text(target),
            html=True,
            features=block.features,
            check=check_block(block),
        )
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield Segment(path, label, source or "", target or "", check=check_block(block))


def table_segments(source, target, path, label):
    caption = f"{label} › {_('Caption')}"
    yield Segment(f"{path}/caption", caption, source.get("table_caption") or "", target.get("table_caption") or "")
    rows = target.get("data") or []
    for row_number, row in enumerate(source.get("data") or []):
        for column, cell in enumerate(row or []):
            if is_text(cell):
                place = _("row %(row)s, column %(column)s") % {"row": row_number + 1, "column": column + 1}
                translated = (
                    rows[row_number][column] if row_number < len(rows) and column < len(rows[row_number]) else ""
                )
                yield Segment(f"{path}/{row_number}.{column}", f"{label} › {place}", str(cell), str(translated or ""))


def align(source, target):
    """Each source child's index → its target child: the one with its id, or else by position among the rest."""
    by_id = {child.get("id"): child for child in target if child.get("id")}
    pairs, taken = {}, set()
    for index, child in enumerate(source):
        match = by_id.get(child.get("id"))
        if match is not None and match.get("type") == child.get("type"):
            pairs[index] = match
            taken.add(id(match))
    rest_source = [index for index in range(len(source)) if index not in pairs]
    rest_target = [child for child in target if id(child) not in taken]
    matcher = SequenceMatcher(
        None, [source[index].get("type") for index in rest_source], [c.get("type") for c in rest_target], autojunk=False
    )
    for source_start, target_start, size in matcher.get_matching_blocks():
        for offset in range(size):
            pairs[rest_source[source_start + offset]] = rest_target[target_start + offset]
    return pairs


def touches(translations, path):
    return any(key == path or key.startswith(f"{path}/") for key in translations)


def has_text(block, value):
    return any(segment.source for segment in block_segments(block, value, None, "", ""))


def merge_block(block, source, target, path, translations):
    """`target` with the translations under `path` put in. With no target, a new value: the source's facts
    (images, levels, links), its texts translated or left empty, never copied from the Vietnamese."""
    if target is not None and not touches(translations, path):
        return target
    if isinstance(block, blocks.StreamBlock):
        return merge_stream(block, source or [], list(target or []), path, translations)
    if isinstance(block, blocks.ListBlock):
        return merge_list(block, source or [], target, path, translations)
    if isinstance(block, blocks.StructBlock):
        value = dict(target or {})
        for name, child in block.child_blocks.items():
            current = value.get(name) if target is not None else None
            value[name] = merge_block(child, (source or {}).get(name), current, f"{path}/{name}", translations)
        return value
    if isinstance(block, TableBlock):
        return merge_table(source or {}, target, path, translations)
    if isinstance(block, blocks.RichTextBlock | blocks.CharBlock | blocks.TextBlock):
        return translations.get(path, "" if target is None else target)
    return copy.deepcopy(source) if target is None else target


def merge_stream(block, source, result, path, translations):
    """Translated blocks go where their source blocks are; unpaired blocks without text (media) come along."""
    pairs = align(source, result)
    position = 0
    for index, child in enumerate(source):
        child_block = block.child_blocks.get(child.get("type"))
        if child_block is None:
            continue
        child_path = f"{path}/{child.get('id')}"
        paired = pairs.get(index)
        if paired is not None:
            paired["value"] = merge_block(
                child_block, child.get("value"), paired.get("value"), child_path, translations
            )
            position = next(number for number, candidate in enumerate(result) if candidate is paired) + 1
        elif touches(translations, child_path) or not has_text(child_block, child.get("value")):
            value = merge_block(child_block, child.get("value"), None, child_path, translations)
            result.insert(position, {"type": child["type"], "value": value, "id": child.get("id") or str(uuid.uuid4())})
            position += 1
    return result


def merge_list(block, source, target, path, translations):
    items = [{"type": "item", "value": item_value(item), "id": str(uuid.uuid4())} for item in target or []]
    for index, item in enumerate(source):
        item_path = f"{path}/{index}"
        if index < len(items):
            items[index]["value"] = merge_block(
                block.child_block, item_value(item), items[index]["value"], item_path, translations
            )
        elif target is None or touches(translations, item_path) or not has_text(block.child_block, item_value(item)):
            value = merge_block(block.child_block, item_value(item), None, item_path, translations)
            items.append({"type": "item", "value": value, "id": str(uuid.uuid4())})
    return items


def merge_table(source, target, path, translations):
    if target is None:
        value = copy.deepcopy(source)
        value["table_caption"] = ""
        value["data"] = [["" if is_text(cell) else cell for cell in row or []] for row in source.get("data") or []]
    else:
        value = copy.deepcopy(target)
    if f"{path}/caption" in translations:
        value["table_caption"] = translations[f"{path}/caption"]
    rows = value.get("data") or []
    for key, text in translations.items():
        place = key.removeprefix(f"{path}/")
        if key.startswith(f"{path}/") and "." in place:
            row_number, column = (int(number) for number in place.split("."))
            while len(rows) <= row_number:
                rows.append([])
            while len(rows[row_number]) <= column:
                rows[row_number].append("")
            rows[row_number][column] = text
    value["data"] = rows
    return value


def apply_translations(page, language, translations):
    """Put `translations` ({segment path: text}) into the page's `language` fields."""
    for name in reader_text_fields(type(page)):
        if not touches(translations, name):
            continue
        source_field, target_field = field_pair(page, name, language)
        if isinstance(source_field, StreamField):
            source = stream_data(getattr(page, source_field.attname))
            target = stream_data(getattr(page, target_field.attname))
            value = merge_block(source_field.stream_block, source, target, name, translations)
            setattr(page, target_field.attname, value)
        elif name in translations:
            setattr(page, target_field.attname, translations[name])


def source_texts_at(page, fingerprint):
    """{segment path: Vietnamese text} as of the latest revision whose source text had `fingerprint`."""
    for revision in page.revisions.order_by("-created_at", "-id")[:REVISIONS_SEARCHED]:
        earlier = page.with_content_json(revision.content)
        if earlier.source_fingerprint() == fingerprint:
            return {segment.path: segment.source for segment in page_segments(earlier, settings.LANGUAGE_CODE)}
    return None


def pending_segments(page, language):
    """The segments `language` lacks, and those written from an earlier Vietnamese text: [(segment, status)]."""
    segments = [segment for segment in page_segments(page, language) if segment.source.strip()]
    written_from = page.translation_state.get(language, {}).get("source")
    stale = bool(written_from) and written_from != page.source_fingerprint()
    earlier = source_texts_at(page, written_from) if stale else None
    pending = []
    for segment in segments:
        if not segment.target.strip():
            pending.append((segment, "missing"))
        elif stale and (earlier is None or earlier.get(segment.path) != segment.source):
            pending.append((segment, "stale"))  # with no revision to compare, every text may have changed
    return pending


def page_reference(page):
    return f"page-{page.pk}"


def source_value(page, name):
    return getattr(page, build_localized_fieldname(name, settings.LANGUAGE_CODE)) or ""


def xliff_file_name(page, language):
    return f"{file_name(source_value(page, 'slug') or page_reference(page), language)}.xlf"


def export_xliff(page, language):
    """An XLIFF 1.2 document of the page's pending segments in `language`, as UTF-8 bytes."""
    # Names are written as they appear, under the namespaces declared on the root.
    root = ET.Element("xliff", {"version": "1.2", "xmlns": XLIFF_NS, "xmlns:portal": PORTAL_NS})
    file = ET.SubElement(
        root,
        "file",
        {
            "original": page_reference(page),
            "source-language": settings.LANGUAGE_CODE,
            "target-language": language,
            "datatype": "plaintext",
            "portal:source": page.source_fingerprint(),
        },
    )
    header = ET.SubElement(file, "header")
    ET.SubElement(header, "note").text = source_value(page, "title")
    body = ET.SubElement(file, "body")
    for segment, status in pending_segments(page, language):
        unit = ET.SubElement(
            body,
            "trans-unit",
            {
                "id": segment.unit_id,
                "resname": segment.path,
                "datatype": "html" if segment.html else "plaintext",
                "xml:space": "preserve",
            },
        )
        ET.SubElement(unit, "source").text = segment.source
        if segment.target:
            ET.SubElement(unit, "target", {"state": "needs-review-translation"}).text = segment.target
        ET.SubElement(unit, "note").text = f"{segment.label} ({TranslationStatus(status).label})"
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class TranslationFileError(Exception):
    pass


@dataclass
class Unit:
    id: str
    target: str
    note: str


@dataclass
class TranslationFile:
    units: list
    exported_from: str | None  # the fingerprint of the Vietnamese text the file was made from


def same_language(code, expected):
    code, expected = (code or "").lower().replace("_", "-"), expected.lower()
    return code == expected or code.startswith(f"{expected}-")


def read_xliff(data, page, language):
    """The units of an XLIFF 1.2 file exported from `page` for `language`; TranslationFileError says what is wrong.

    A document type is refused outright: translation files never need one, and entities are how
    XML bombs and external references get in.
    """
    names = dict(settings.LANGUAGES)
    try:
        root = parse_xml(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise TranslationFileError(
            _("The file declares a document type or entities, which translation files never do; it was not read.")
        ) from error
    except ET.ParseError as error:
        raise TranslationFileError(_("The file is not well-formed XML (%(error)s).") % {"error": error}) from error
    if root.tag != q("xliff") or root.get("version") != "1.2":
        raise TranslationFileError(_("The file is not an XLIFF 1.2 file."))
    files = root.findall(q("file"))
    if len(files) != 1 or files[0].get("original") != page_reference(page):
        raise TranslationFileError(_("The file was exported from another page."))
    file = files[0]
    if not same_language(file.get("source-language"), settings.LANGUAGE_CODE):
        raise TranslationFileError(
            _("The file is not translated from %(source)s.") % {"source": names[settings.LANGUAGE_CODE]}
        )
    if not same_language(file.get("target-language"), language):
        raise TranslationFileError(
            _("The file is a translation into %(found)s, not into %(language)s.")
            % {
                "found": names.get(file.get("target-language"), file.get("target-language")),
                "language": names[language],
            }
        )
    units, seen = [], set()
    for element in file.iter(q("trans-unit")):
        unit_id = element.get("id") or ""
        if unit_id in seen:
            raise TranslationFileError(_("The file has the unit %(unit)s twice.") % {"unit": unit_id})
        seen.add(unit_id)
        target, note = element.find(q("target")), element.find(q("note"))
        text = "".join(target.itertext()) if target is not None else ""
        units.append(Unit(unit_id, text, "".join(note.itertext()) if note is not None else unit_id))
    return TranslationFile(units, file.get(f"{{{PORTAL_NS}}}source"))


@dataclass
class ImportResult:
    saved: list = field(default_factory=list)  # labels of the segments written
    changed: list = field(default_factory=list)  # labels of segments whose Vietnamese text changed since the export
    invalid: list = field(default_factory=list)  # (label, message) of translations this place cannot take
    revision: object = None


def import_units(page, language, translation_file, user):
    """Write the file's translations into a new draft revision of `page` (its latest revision, as an object).

    A unit whose Vietnamese text changed since the export (or is gone) is refused; the others are
    written. The language is recorded, as the editor does, as written from the Vietnamese text the
    file was exported from: text changed since then stays stale, and the next export offers it.
    Nothing is published: the page's workflow takes it from here.
    """
    result = ImportResult()
    segments = {segment.path: segment for segment in page_segments(page, language)}
    translations = {}
    for unit in translation_file.units:
        if not unit.target.strip():
            continue
        path, _hash_mark, digest = unit.id.rpartition("#")
        segment = segments.get(path)
        if segment is None or digest != text_hash(segment.source):
            result.changed.append(segment.label if segment else unit.note)
            continue
        try:
            text = segment.clean(unit.target)
        except ValidationError as error:
            result.invalid.append((segment.label, " ".join(error.messages)))
            continue
        if (html_text(text) if segment.html else text) != segment.target:
            translations[path] = text
            result.saved.append(segment.label)
    if not translations:
        return result

    ready = {code for code, _name in other_languages() if page.is_ready(code)}
    before = {code: page.text_fingerprint(code) for code, _name in settings.LANGUAGES}
    previous_source = page.translation_state.get(language, {}).get("source")
    apply_translations(page, language, translations)
    page.record_translations(ready=ready, before=before)
    current = page.source_fingerprint()
    state = page.translation_state[language]
    exported_from = translation_file.exported_from
    if state["source"] == current and (exported_from != current if exported_from else result.changed):
        state["source"] = exported_from or previous_source or current
    with transaction.atomic():
        if not page.live:
            page.save()  # as the editor does for a page never published
        result.revision = page.save_revision(user=user, log_action=True, clean=False)
    return result


class TranslationFileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=other_languages)
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("The XLIFF file exported from this page, with the translations filled in."),
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise ValidationError(
                _("The file is larger than %(size)s; a page's translation is much smaller.")
                % {"size": filesizeformat(MAX_FILE_SIZE)}
            )
        return upload

    def clean(self):
        cleaned_data = super().clean()
        upload, language = cleaned_data.get("file"), cleaned_data.get("language")
        if upload and language:
            upload.seek(0)
            try:
                cleaned_data["translation_file"] = read_xliff(upload.read(MAX_FILE_SIZE + 1), self.page, language)
            except TranslationFileError as error:
                self.add_error("file", str(error))
        return cleaned_data
