"""The province's yearly external-information plans, their tasks, and what the units report on them.

A task's status in a period is never typed in: it follows from the period's due date, the date
of the check and the progress reports (see `Status`).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.collation import collated
from home.edit_conflicts import ConflictCheckedModelForm
from home.models import PortalPage

from .periods import due_periods, period_name, time_frame_name


class Unit(index.Indexed, models.Model):
    """An agency the plan assigns work to, or a group of them named collectively ("all departments")."""

    class Kind(models.TextChoices):
        PROVINCIAL_AUTHORITY = "provincial_authority", _("Provincial authority")
        DEPARTMENT = "department", _("Department or agency")
        PARTY_BODY = "party_body", _("Party body")
        PRESS = "press", _("Press")
        SECURITY = "security", _("Police or military")
        DISTRICT = "district", _("District or city")
        CENTRAL = "central", _("Central government body")
        COLLECTIVE = "collective", _("Group of units")

    key = models.SlugField(_("key"), max_length=80, unique=True, help_text=_("Stable identifier used by plan files."))
    name = models.CharField(_("name"), max_length=255, help_text=_("Full official name."))
    short_name = models.CharField(_("short name"), max_length=80, blank=True, help_text=_("E.g. Sở TT&TT."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.DEPARTMENT)
    aliases = models.JSONField(
        _("other names"), default=list, blank=True, help_text=_("Other wordings plans use for this unit.")
    )
    part_of = models.ManyToManyField(
        "self",
        verbose_name=_("part of"),
        symmetrical=False,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": Kind.COLLECTIVE},
        help_text=_("Groups named collectively in plans that include this unit (e.g. all departments)."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick when the unit is merged or dissolved."))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff"),
        blank=True,
        related_name="plan_units",
        help_text=_("Users who write this unit's progress reports."),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The unit that took over its work; its staff see this unit's tasks and reports."),
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("active"),
    ]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("key"), FieldPanel("kind")]),
        FieldPanel("part_of"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("successor")]),
        FieldPanel("staff"),
    ]
    base_form_class = ConflictCheckedModelForm  # refuses to save over a version saved after it was loaded

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        unit, seen = self.successor, {self.pk}
        while unit is not None:
            if unit.pk in seen:
                raise ValidationError({"successor": _("A unit cannot succeed itself, directly or through others.")})
            seen.add(unit.pk)
            unit = unit.successor

    def recipients(self):
        """Active staff who answer for this unit: its own, its successors', and its members' for a group."""
        from django.contrib.auth import get_user_model

        units, frontier = {self.pk}, {self.pk}
        while frontier:
            step = Unit.objects.filter(Q(predecessors__in=frontier) | Q(part_of__in=frontier))
            frontier = set(step.values_list("pk", flat=True)) - units
            units |= frontier
        return get_user_model().objects.filter(plan_units__in=units, is_active=True).exclude(email="").distinct()

    def lineage(self):
        """This unit and the units it took over from (at any depth)."""
        units, frontier = {self.pk}, [self.pk]
        while frontier:
            predecessors = Unit.objects.filter(successor__in=frontier).exclude(pk__in=units)
            frontier = list(predecessors.values_list("pk", flat=True))
            units.update(frontier)
        return units

    def responsible_units(self):
        """This unit, the units it took over from (at any depth) and the groups they belong to."""
        units = self.lineage()
        groups = Unit.objects.filter(members__in=units).values_list("pk", flat=True)
        return units | set(groups)


class Plan(ClusterableModel):
    number = models.CharField(
        _("number and symbol"), max_length=50, unique=True, help_text=_("As on the document, e.g. 17/KH-UBND.")
    )
    title = models.CharField(_("title"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the plan's tasks fall in."))
    date_issued = models.DateField(_("date issued"))
    issuing_body = models.ForeignKey(
        Unit, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="issued_plans"
    )
    place = models.CharField(
        _("place"), max_length=100, blank=True, help_text=_("Where documents are dated, e.g. Bắc Kạn.")
    )
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    coordinating_unit = models.ForeignKey(
        Unit,
        verbose_name=_("coordinating unit"),
        on_delete=models.PROTECT,
        related_name="coordinated_plans",
        help_text=_("The unit that follows up every task and compiles the reports."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The signed plan."),
    )
    library_document = models.ForeignKey(
        "library.OfficialDocumentPage",
        verbose_name=_("in the documents library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The plan's page in the documents library, with the same number; readers of each get a link to the other."
        ),
    )
    press_monitoring_task = models.ForeignKey(
        "Task",
        verbose_name=_("press monitoring task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="monitoring_plans",
        help_text=_("The task the monthly press digests are evidence for (5.3 in plan 17/KH-UBND)."),
    )
    press_conference_task = models.ForeignKey(
        "Task",
        verbose_name=_("press conference task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference_plans",
        help_text=_("The task the press conferences on the portal carry out (5.2 in plan 17/KH-UBND)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("year"), FieldPanel("date_issued")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issuing_body"), FieldPanel("place"), FieldPanel("signer")]),
        FieldPanel("coordinating_unit"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("library_document")]),
        InlinePanel("reporting_deadlines", heading=_("Reporting deadlines"), label=_("Deadline")),
        MultiFieldPanel(
            [FieldPanel("press_monitoring_task"), FieldPanel("press_conference_task")],
            heading=_("Tasks the portal records evidence for"),
        ),
    ]
    base_form_class = ConflictCheckedModelForm

    class Meta:
        ordering = ["-year", "number"]
        permissions = [("coordinate_plans", "Can follow up every unit's tasks and reports")]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"{self.number}: {self.title}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from library.models import number_key

        for name in ("press_monitoring_task", "press_conference_task"):
            task = getattr(self, name)
            if task is not None and task.plan_id != self.pk:
                raise ValidationError({name: _("Choose a task of this plan.")})
        if self.library_document and number_key(self.library_document.number) != number_key(self.number):
            raise ValidationError(
                {"library_document": _("This document's number is %(number)s, not the plan's.")
                 % {"number": self.library_document.number}}
            )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        for task in self.tasks.all():  # the year may have changed
            task.sync_periods()

    def current_coordinating_unit(self):
        """The coordinating unit, or the unit that took over its work if it was merged."""
        unit, seen = self.coordinating_unit, set()
        while unit.successor_id and not unit.active and unit.pk not in seen:
            seen.add(unit.pk)
            unit = unit.successor
        return unit


class ReportingDeadline(models.Model):
    class Kind(models.TextChoices):
        SIX_MONTH = "six_month", _("Six-month report")
        ANNUAL = "annual", _("Annual report")

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="reporting_deadlines")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    due = models.DateField(_("due"))
    covers_from = models.DateField(_("covers from"))
    covers_to = models.DateField(_("covers to"))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("due")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("covers_from"), FieldPanel("covers_to")]),
    ]

    class Meta:
        ordering = ["due"]
        unique_together = [("plan", "kind")]
        verbose_name = _("reporting deadline")
        verbose_name_plural = _("reporting deadlines")

    def __str__(self):
        return f"{self.name} ({self.due:%d/%m/%Y})"


class Task(index.Indexed, models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(_("code"), max_length=20, help_text=_("The item's number in the plan, e.g. 4.2."))
    parent = models.ForeignKey(
        "self", verbose_name=_("part of item"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    content = models.TextField(_("content"), blank=True)
    lead_units = models.ManyToManyField(Unit, verbose_name=_("lead units"), blank=True, related_name="led_tasks")
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("coordinating units"), blank=True, related_name="coordinated_tasks"
    )
    time_frame = models.CharField(
        _("time frame"),
        max_length=100,
        blank=True,
        help_text=_("As the plan states it, e.g. “Quý II/2021” or “01 lần/tháng”; empty means the whole year."),
    )

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("content"),
        index.RelatedFields("lead_units", [index.SearchField("name"), index.SearchField("short_name")]),
        index.FilterField("plan"),
    ]
    panels = [
        FieldRowPanel([FieldPanel("plan"), FieldPanel("code"), FieldPanel("parent")]),
        FieldPanel("title"),
        FieldPanel("content"),
        FieldPanel("lead_units"),
        FieldPanel("coordinating_units"),
        FieldPanel("time_frame"),
    ]
    base_form_class = ConflictCheckedModelForm

    class Meta:
        ordering = ["plan", "sort_order"]
        unique_together = [("plan", "code")]
        verbose_name = pgettext_lazy("plan", "task")
        verbose_name_plural = pgettext_lazy("plan", "tasks")

    def __str__(self):
        return f"{self.code}. {self.title}"

    def save(self, *args, **kwargs):
        """Keep the due periods in step with the time frame, here and in the item this one is part of."""
        super().save(*args, **kwargs)
        self.sync_periods()
        if self.parent_id:
            self.parent.sync_periods()

    def clean(self):
        from django.core.exceptions import ValidationError

        from .periods import TimeFrameError

        if self.plan_id:
            try:
                due_periods(self.time_frame, self.plan.year)
            except TimeFrameError as error:
                raise ValidationError({"time_frame": str(error)}) from error

    def assigned_unit_ids(self):
        """The units that lead or coordinate the task."""
        return set(self.lead_units.values_list("pk", flat=True)) | set(
            self.coordinating_units.values_list("pk", flat=True)
        )

    @property
    def lead_names(self):
        return ", ".join(collated(str(unit) for unit in self.lead_units.all()))

    @property
    def coordinating_names(self):
        return ", ".join(collated(str(unit) for unit in self.coordinating_units.all()))

    @property
    def status_label(self):
        period, status = self.current_status()
        return f"{period.label}: {status.label}" if period else ""

    @property
    def final_due(self):
        """The due date of the last period (from prefetched periods when there are)."""
        periods = list(self.periods.all())
        return periods[-1].due if periods else None

    def period_summary(self):
        return "; ".join(f"{period.label}: {status.label}" for period, status in self.period_statuses()) or "-"

    period_summary.short_description = _("Status of each period")

    def report_summary(self):
        reports = ProgressReport.objects.filter(period__task=self).select_related("period", "unit")
        return "; ".join(f"{r.period.label}, {r.unit} ({r.percent_done}%): {r.text}" for r in reports) or "-"

    report_summary.short_description = _("Progress reports")

    def evidence_summary(self):
        return "; ".join(f"{page.title} ({page.full_url})" for page in self.evidence_pages()) or "-"

    evidence_summary.short_description = _("Portal pages that carry it out")

    def period_statuses(self, today=None):
        """Each due period with its status on `today`, using prefetched periods and reports when there."""
        return [(period, period.status(today, reports=list(period.reports.all()))) for period in self.periods.all()]

    def current_status(self, today=None):
        """The status of the period due next (or of the last one, once all are past)."""
        today = today or timezone.localdate()
        statuses = self.period_statuses(today)
        if not statuses:
            return None, None
        return next(((p, s) for p, s in statuses if p.due >= today or s == Status.OVERDUE), statuses[-1])

    def evidence_pages(self):
        return evidence_pages([self]).get(self.pk, [])

    def sync_periods(self):
        """Create the due periods the time frame gives, keeping those that already have reports.

        An item that only groups sub-items (section 2 holds 2.1 and 2.2) is not due itself.
        """
        wanted = [] if self.children.exists() else due_periods(self.time_frame, self.plan.year)
        for period in wanted:
            DuePeriod.objects.update_or_create(
                task=self, label=period.label, defaults={"starts": period.starts, "due": period.due}
            )
        self.periods.exclude(label__in=[period.label for period in wanted]).filter(reports__isnull=True).delete()


def evidence_pages(tasks, published_by=None):
    """Live public portal pages that name one of `tasks` as the task they fulfil (and were first
    published by a given day, if one is given), by task id."""
    from wagtail.models import PageViewRestriction

    restricted = [restriction.page for restriction in PageViewRestriction.objects.select_related("page")]
    found = {}
    for model in apps.get_models():
        if issubclass(model, PortalPage):
            pages = model.objects.live().filter(plan_task__in=tasks).order_by("first_published_at")
            if published_by:
                pages = pages.filter(first_published_at__date__lte=published_by)
            for page in pages:
                if not any(page.path.startswith(private.path) for private in restricted):
                    found.setdefault(page.plan_task_id, []).append(page)
    return found


class DuePeriod(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=pgettext_lazy("plan", "task"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("period"), max_length=40)
    starts = models.DateField(_("starts"))
    due = models.DateField(_("due"))

    class Meta:
        ordering = ["task", "due"]
        unique_together = [("task", "label")]
        verbose_name = _("due period")
        verbose_name_plural = _("due periods")

    def __str__(self):
        return f"{self.task.code}, {self.label}"

    @property
    def name(self):
        """The period in the reader's language; `label` is the plan's Vietnamese wording."""
        return period_name(self)

    def status(self, today=None, reports=None):
        return Status.of(self, today=today, reports=reports)


class Status(models.TextChoices):
    """The Government Office's monitoring statuses, computed from dates and reports.

    A period is done when a lead unit reports it 100% finished (on time if its completion date is
    not after the due date); otherwise overdue after the due date, in progress once any unit has
    reported on it, and not started before that. Reports count from the day they were saved.
    """

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress, within deadline")
    OVERDUE = "overdue", _("Overdue")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")

    @classmethod
    def of(cls, period, today=None, reports=None):
        today = today or timezone.localdate()
        reports = [r for r in (period.reports.all() if reports is None else reports) if r.submitted_on() <= today]
        # Only the lead units (or the units that took over from them) can say the work is finished.
        leads = period.task.lead_units.all()
        lead_ids = {unit.pk for unit in leads} | {unit.successor_id for unit in leads if unit.successor_id}
        finished = [
            r for r in reports if r.percent_done == 100 and (r.unit_id in lead_ids or r.unit.successor_id in lead_ids)
        ]
        if finished:
            completed = min(r.completed_on or r.submitted_on() for r in finished)
            return cls.DONE_ON_TIME if completed <= period.due else cls.DONE_LATE
        if today > period.due:
            return cls.OVERDUE
        if reports:
            return cls.IN_PROGRESS
        return cls.NOT_STARTED


class ProgressReport(ClusterableModel):
    """What a unit did on a task in one period, with the evidence.

    Evidence pages are rows of `evidence_page_items`, so that the admin's page chooser picks several at once.
    """

    period = models.ForeignKey(DuePeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="reports")
    text = models.TextField(_("results"), help_text=_("What was done, with figures."))
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), validators=[MinValueValidator(0), MaxValueValidator(100)], help_text=_("100 when finished.")
    )
    completed_on = models.DateField(
        _("completed on"), null=True, blank=True, help_text=_("When the work was finished, if it was.")
    )
    evidence_links = models.TextField(
        _("links"), blank=True, help_text=_("Addresses of articles, broadcasts or documents, one per line.")
    )
    evidence_documents = models.ManyToManyField(
        get_document_model_string(), verbose_name=_("documents"), blank=True, related_name="+"
    )
    published = models.BooleanField(
        _("show on the portal"), default=False, help_text=_("Show this report on the public page of the plan.")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("period"), FieldPanel("unit")]),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("percent_done"), FieldPanel("completed_on")]),
        MultiFieldPanel(
            [
                MultipleChooserPanel("evidence_page_items", chooser_field_name="page", label=_("portal pages")),
                FieldPanel("evidence_documents"),
                FieldPanel("evidence_links"),
            ],
            heading=_("Evidence"),
        ),
        FieldPanel("published"),
    ]

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.period}: {self.unit} ({self.percent_done}%)"

    def submitted_on(self):
        return timezone.localdate(self.submitted_at)

    def evidence_pages(self):
        """The portal pages given as evidence, in the order chosen (from prefetched rows when there are)."""
        return [item.page for item in self.evidence_page_items.all()]

    evidence_pages.short_description = _("portal pages")

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.completed_on and self.percent_done != 100:
            raise ValidationError({"completed_on": _("Only finished work (100%) has a completion date.")})
        if self.completed_on and self.completed_on > datetime.date.today():
            raise ValidationError({"completed_on": _("The completion date cannot be in the future.")})


class ProgressReportEvidencePage(Orderable):
    report = ParentalKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence_page_items")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("portal page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A page of the portal that shows the work."),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        unique_together = [("report", "page")]
        verbose_name = _("evidence page")
        verbose_name_plural = _("evidence pages")

    def __str__(self):
        return str(self.page)


class SentReminder(models.Model):
    """One reminder e-mail, so that a second run on the same day sends nothing twice."""

    key = models.CharField(max_length=100)
    recipient = models.EmailField()
    sent_on = models.DateField(default=timezone.localdate)

    class Meta:
        unique_together = [("key", "recipient", "sent_on")]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return f"{self.key} → {self.recipient} ({self.sent_on})"


class PlanPage(PortalPage):
    """The plan on the portal: its tasks, the progress staff chose to publish, and the pages that carry it out."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="+")
    intro = models.TextField(_("introduction"), blank=True, help_text=_("What the plan is for, in a few sentences."))

    content_panels = Page.content_panels + [FieldPanel("plan"), FieldPanel("intro")]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("plan page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        published = ProgressReport.objects.filter(published=True).select_related("unit").order_by("submitted_at")
        tasks = list(
            self.plan.tasks.prefetch_related(
                "lead_units",
                "coordinating_units",
                models.Prefetch("periods", DuePeriod.objects.prefetch_related(models.Prefetch("reports", published))),
            )
        )
        evidence = evidence_pages(tasks)
        for task in tasks:
            task.time_frame_name = time_frame_name(task.time_frame, self.plan.year)
        context["tasks"] = [(task, evidence.get(task.pk, [])) for task in tasks]
        return context

    def structured_data(self, request):
        return {"@type": "WebPage", "about": {"@type": "GovernmentService", "name": self.plan.title}}
