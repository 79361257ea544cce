"""The library of legal and administrative documents the portal publishes (Decree 42/2022).

A document's status is never typed in: it follows from its dates and from the published
documents that replace it (see `with_status`), so the listing, its filter and the document's
own page always agree.
"""

import re

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.collation import collated
from home.models import PortalPage, SectionPage
from home.query_params import get_choice, get_text

DOCUMENTS_PER_PAGE = 20


class DocumentType(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    PLAN = "plan", _("Plan")
    OFFICIAL_LETTER = "official-letter", _("Official letter")
    REPORT = "report", _("Report")
    NOTICE = "notice", _("Notice")
    GUIDANCE = "guidance", _("Guidance")


class DocumentStatus(models.TextChoices):
    NOT_YET_IN_FORCE = "not-yet-in-force", _("Not yet in force")
    IN_FORCE = "in-force", _("In force")
    EXPIRED = "expired", _("Expired")
    REPLACED = "replaced", _("Replaced")


def number_key(number):
    """A number and symbol as readers may type it: any case, spaces, with or without diacritics (QĐ or QD)."""
    from search.text import fold

    return re.sub(r"\s+", "", fold(number or ""))


def with_status(documents, today=None):
    """Documents annotated with `status_code`: replaced once a published document replaces them,
    expired from their expiry date, not yet in force before their date in force, in force otherwise."""
    today = today or timezone.localdate()
    replaced = Exists(DocumentReplacement.objects.filter(replaced=OuterRef("pk"), page__live=True))
    return documents.annotate(
        status_code=Case(
            When(replaced, then=Value(DocumentStatus.REPLACED.value)),
            When(expiry_date__lte=today, then=Value(DocumentStatus.EXPIRED.value)),
            When(date_in_force__gt=today, then=Value(DocumentStatus.NOT_YET_IN_FORCE.value)),
            default=Value(DocumentStatus.IN_FORCE.value),
            output_field=models.CharField(),
        )
    )


class DocumentIndexPage(SectionPage):
    """The library: documents filtered by type, issuing body, year and status, or found by number."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["library.OfficialDocumentPage"]

    class Meta:
        verbose_name = _("documents library")

    def documents(self):
        documents = OfficialDocumentPage.objects.live().public().child_of(self).select_related("issuing_body")
        return with_status(documents)

    @cached_property
    def issuing_bodies(self):
        from plans.models import Unit

        return collated(Unit.objects.filter(issued_documents__in=self.documents().values("pk")).distinct())

    def filter_choices(self):
        """Each filter with its choices, in the order the form shows them."""
        years = [day.year for day in self.documents().dates("date_issued", "year", order="DESC")]
        return [
            ("type", _("Type"), DocumentType.choices),
            ("body", _("Issuing body"), [(str(unit.pk), str(unit)) for unit in self.issuing_bodies]),
            ("year", _("Year issued"), [(str(year), str(year)) for year in years]),
            ("status", _("Status"), DocumentStatus.choices),
        ]

    def filtered_documents(self, request, filters):
        """Documents narrowed by the number typed and every valid filter; invalid values are left out."""
        lookups = {
            "type": "document_type", "body": "issuing_body_id", "year": "date_issued__year", "status": "status_code"
        }  # fmt: skip
        documents = self.documents()
        chosen = {}
        number = get_text(request.GET, "number", 100)
        if number:
            chosen["number"] = number
            documents = documents.filter(number_key=number_key(number))
        for name, _label, choices in filters:
            value = get_choice(request.GET, name, dict(choices))
            if value is not None:
                chosen[name] = value
                documents = documents.filter(**{lookups[name]: value})
        return documents.order_by("-date_issued", "-pk"), chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.filter_choices()
        documents, chosen = self.filtered_documents(request, filters)
        paginator = Paginator(documents, DOCUMENTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        context.update(filters=filters, chosen=chosen, documents=page)
        return context


class OfficialDocumentPage(PortalPage):
    """One legal or administrative document: its facts are shared by every language, its abstract translated."""

    number = models.CharField(
        _("number and symbol"), max_length=100, help_text=_("Exactly as on the document, e.g. 17/KH-UBND.")
    )
    number_key = models.CharField(max_length=100, editable=False, db_index=True)
    document_type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    issuing_body = models.ForeignKey(
        "plans.Unit",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="issued_documents",
        help_text=_("The agency that issued it; add central bodies under Plans › Units if missing."),
    )
    signer = models.CharField(
        _("signer"), max_length=255, blank=True, help_text=_("Who signed it, with the capacity, as on the document.")
    )
    date_issued = models.DateField(_("date issued"))
    date_in_force = models.DateField(
        _("date in force"), null=True, blank=True, help_text=_("Leave empty if it takes effect when issued.")
    )
    expiry_date = models.DateField(
        _("expiry date"),
        null=True,
        blank=True,
        help_text=_("The day it ceased to have effect, when that was not by a document in this library."),
    )
    abstract = models.TextField(_("abstract"), help_text=_("What the document rules or asks for, in a few sentences."))
    file = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed document (PDF)."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("signer")]),
        FieldRowPanel([FieldPanel("date_issued"), FieldPanel("date_in_force"), FieldPanel("expiry_date")]),
        FieldPanel("abstract"),
        FieldPanel("file"),
        MultiFieldPanel([InlinePanel("replacements", label=_("Replaced document"))], heading=_("Replaces")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("number", boost=5),
        index.AutocompleteField("number"),
        index.SearchField("abstract"),
        index.FilterField("document_type"),
    ]
    parent_page_types = ["library.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")

    def clean(self):
        super().clean()
        errors = {}
        if self.date_in_force and self.date_issued and self.date_in_force < self.date_issued:
            errors["date_in_force"] = _("A document cannot take effect before it is issued.")
        if self.expiry_date and self.date_issued and self.expiry_date < self.date_issued:
            errors["expiry_date"] = _("A document cannot expire before it is issued.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.number = " ".join(self.number.split())
        self.number_key = number_key(self.number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "number_key"}
        return super().save(*args, **kwargs)

    @cached_property
    def status(self):
        """From the listing's annotation when there is one, else with one query."""
        code = getattr(self, "status_code", None)
        if code is None:
            code = with_status(OfficialDocumentPage.objects.filter(pk=self.pk)).values_list("status_code", flat=True)
            code = code.first() or DocumentStatus.IN_FORCE
        return DocumentStatus(code)

    def replaced_documents(self):
        """The live documents this one replaces."""
        return OfficialDocumentPage.objects.live().public().filter(replaced_by_links__page=self).order_by("date_issued")

    def replacing_documents(self):
        """The live documents that replace this one."""
        return OfficialDocumentPage.objects.live().public().filter(replacements__replaced=self).order_by("date_issued")

    def tracked_plans(self):
        """The public pages of the plans this document is (the plan tracker links them)."""
        from plans.models import PlanPage

        return PlanPage.objects.live().public().filter(plan__library_document=self)

    def search_terms(self):
        return [self.number]

    def search_date(self):
        return self.date_issued

    @property
    def card_meta(self):
        return f"{self.number} · {self.date_issued:%d/%m/%Y}"

    def structured_data(self, request):
        data = {
            "@type": "Legislation",
            "legislationIdentifier": self.number,
            "legislationDate": self.date_issued.isoformat(),
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": str(self.issuing_body)},
        }
        if self.date_in_force:
            data["legislationDateVersion"] = self.date_in_force.isoformat()
        return data


class DocumentReplacement(Orderable):
    """One document the page's document replaces; read the other way, what replaced it."""

    page = ParentalKey(OfficialDocumentPage, on_delete=models.CASCADE, related_name="replacements")
    replaced = models.ForeignKey(
        OfficialDocumentPage,
        verbose_name=_("replaced document"),
        on_delete=models.CASCADE,
        related_name="replaced_by_links",
        help_text=_("A document of the library that this one replaces; it shows as replaced once this is published."),
    )

    panels = [FieldPanel("replaced")]

    class Meta(Orderable.Meta):
        verbose_name = _("replaced document")
        verbose_name_plural = _("replaced documents")

    def clean(self):
        if self.page_id and self.replaced_id == self.page_id:
            raise ValidationError({"replaced": _("A document cannot replace itself.")})
