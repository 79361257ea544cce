"""The demo library: plan 17/KH-UBND (with its text as a file) and the documents it cites, with a
real replacement (Decree 42/2022 replaced Decree 43/2011), linked from the tracked plan."""

import json
from io import BytesIO
from pathlib import Path

import docx
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.demo_loading import assign, assign_translations, load_pages
from plans.models import Plan, Unit

from ..models import DocumentReplacement

HERE = Path(__file__).resolve().parent
FACTS = ("number", "signer", "date_issued", "date_in_force")


def load(pages, log):
    content = json.loads((HERE / "documents.json").read_text(encoding="utf-8"))
    for values in content["units"]:
        unit = Unit.objects.filter(key=values["key"]).first() or Unit(key=values["key"], kind=Unit.Kind.CENTRAL)
        changed = assign_translations(unit, "name", values["name"], values["key"])
        if assign(unit, "short_name", values["short_name"]) or changed or unit.pk is None:
            unit.save()
    load_pages([{"type": "library.DocumentIndexPage", "parent": "official-information", "previous_parent": "home",
                 "show_in_menus": True, **content["library"]}],
               pages, log)
    entries = []
    for values in content["documents"]:
        facts = {name: values[name] for name in FACTS if name in values}
        facts |= {"document_type": values["type"], "issuing_body_id": Unit.objects.get(key=values["issuing_body"]).pk}
        if "text_file" in values:
            facts["file_id"] = text_document(values["number"], HERE / values["text_file"]).pk
        entries.append({"type": "library.OfficialDocumentPage", "parent": "library", "facts": facts,
                        **{key: values[key] for key in ("key", "title", "slug", "abstract")}})
    load_pages(entries, pages, log)
    for values in content["documents"]:
        page = pages[values["key"]]
        wanted = [pages[key].pk for key in values.get("replaces", [])]
        if [link.replaced_id for link in page.replacements.all()] != wanted:
            page.replacements = [DocumentReplacement(replaced_id=pk) for pk in wanted]
            page.save_revision().publish()
            log(f"Linked the documents {page.number} replaces")
    plan = Plan.objects.filter(number="17/KH-UBND").first()
    if plan and plan.library_document_id != pages["kh-17-2021"].pk:
        plan.library_document = pages["kh-17-2021"]
        plan.save(update_fields=["library_document"])


def text_document(number, path):
    """The document's text as a Word file (the demo ships the text of the plan, not the signed scan)."""
    title = f"{number} (văn bản số hoá / digitised text)"
    document = get_document_model().objects.filter(title=title).first()
    if document is None:
        word = docx.Document()
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            word.add_paragraph(paragraph.strip())
        buffer = BytesIO()
        word.save(buffer)
        document = get_document_model()(title=title)
        document.file.save(f"{number.replace('/', '-')}.docx", ContentFile(buffer.getvalue()), save=True)
    return document
