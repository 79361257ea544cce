"""Uploaded images and documents are judged by what they hold, not by their name.

Wagtail checks an image's format against its extension (Willow) and a document's extension only. Here,
before that: SVG drawings and web pages (HTML) are refused whatever they are called, since they can carry
scripts that run on the portal's address; then a document's content must be what its extension says (a
PDF starts with %PDF, a .docx is a zip holding word/…). Sizes and document types are settings
(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILDOCS_EXTENSIONS), read from the
environment. The checks run in the upload forms, so the single and the multiple upload (and the choosers'
upload tabs) refuse the same files with the same message.
"""

import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField

HEAD = 4096  # bytes read to recognise a file
# A web page or drawing in markup, by what its first element says.
SVG_MARKERS = ("<svg",)
HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<object", "<embed", "<meta")

SVG_REFUSED = _(
    "SVG files are not accepted, because they can contain scripts. Save the drawing as PNG (or as PDF for a "
    "document) and upload that."
)
HTML_REFUSED = _("Web pages (HTML) are not accepted, whatever the file is called, because they can contain scripts.")
WRONG_CONTENT = _(
    "The file's content is not %(type)s, although its name ends in .%(extension)s. Save it again in that "
    "format, or upload it under its real extension."
)
TYPE_REFUSED = _("Files ending in .%(extension)s are not accepted. Accepted types: %(extensions)s.")


def read_head(file):
    file.seek(0)
    head = file.read(HEAD)
    file.seek(0)
    return head


def markup_refusal(head):
    """The message for a file that is SVG or HTML markup, or None. Text encodings with a byte order mark count."""
    encoding = "utf-8"
    for bom, bom_encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head, encoding = head[len(bom) :], bom_encoding
            break
    text = head.decode(encoding, errors="ignore").lstrip().lower()
    if not text.startswith("<"):
        return None
    if any(marker in text for marker in SVG_MARKERS):
        return ValidationError(SVG_REFUSED, code="svg")
    if any(marker in text for marker in HTML_MARKERS):
        return ValidationError(HTML_REFUSED, code="html")
    return None


def zip_names(file):
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    finally:
        file.seek(0)


def starts_with(*signatures):
    return lambda file, head: head.startswith(signatures)


def office_open_xml(folder):
    """Word, Excel and PowerPoint files are zip packages: [Content_Types].xml and the application's folder."""

    def check(file, head):
        names = zip_names(file)
        return bool(names) and "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)

    return check


def open_document(kind):
    """OpenDocument files are zip packages whose first entry, `mimetype`, names the kind."""
    signature = f"mimetype{'application/vnd.oasis.opendocument.' + kind}".encode()
    return lambda file, head: head.startswith(b"PK") and signature in head[:200]


def is_zip(file, head):
    return zip_names(file) is not None


def is_text(file, head):
    """Plain text in any encoding: no NUL byte unless it is UTF-16 with its byte order mark."""
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel and PowerPoint 97-2003
CONTENT_CHECKS = {
    "pdf": starts_with(b"%PDF-"),
    "docx": office_open_xml("word/"),
    "xlsx": office_open_xml("xl/"),
    "pptx": office_open_xml("ppt/"),
    "odt": open_document("text"),
    "ods": open_document("spreadsheet"),
    "odp": open_document("presentation"),
    "doc": starts_with(OLE),
    "xls": starts_with(OLE),
    "ppt": starts_with(OLE),
    "rtf": starts_with(b"{\\rtf"),
    "zip": is_zip,
    "txt": is_text,
    "csv": is_text,
}


def guessed_check(extension):
    """For a type added in the settings without a check of its own: what `filetype` recognises must agree."""

    def check(file, head):
        kind = filetype.guess(head)
        return kind is None or kind.extension == extension

    return check


def check_document(file):
    """Raises ValidationError unless the uploaded document is what its extension says, and allowed."""
    head = read_head(file)
    refusal = markup_refusal(head)
    if refusal:
        raise refusal
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    allowed = [name.lower() for name in settings.WAGTAILDOCS_EXTENSIONS]
    if extension not in allowed:
        raise ValidationError(
            TYPE_REFUSED, code="extension", params={"extension": extension, "extensions": ", ".join(allowed)}
        )
    check = CONTENT_CHECKS.get(extension) or guessed_check(extension)
    if not check(file, head):
        raise ValidationError(WRONG_CONTENT, code="content", params={"type": extension.upper(), "extension": extension})


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form (`WAGTAILDOCS_DOCUMENT_FORM_BASE`), with the file checked by its content."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):  # a new file, not the one the document already has
            check_document(file)
        return file

    def _post_clean(self):
        # Once the file is refused, Wagtail's model check of its extension sees no file, and would add
        # "extension “” not allowed" to the reason given.
        refused = self.errors.get("file")
        kept = refused.copy() if refused else None
        super()._post_clean()
        if kept:
            self._errors["file"] = kept


class PortalImageField(WagtailImageField):
    """Wagtail's image field, which first refuses SVG and web pages with a message that says so (Willow
    takes a web page for an SVG drawing, and Wagtail then speaks of a wrong extension)."""

    @classmethod
    def replacing(cls, field):
        return cls(label=field.label, required=field.required, widget=field.widget, disabled=field.disabled)

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            refusal = markup_refusal(read_head(data))
            if refusal:
                raise refusal
        return super().to_python(data)
