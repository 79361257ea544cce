import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from home.collated_choices import CollatedFilterSet
from home.collation import collated
from home.exports import NamedExportMixin, file_name
from home.query_params import BoundedSearchMixin, YearFilter

from .digest import Digest, months_with_coverage
from .models import Coverage, Delegation, Outlet

EXPORTS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class CoverageCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.logged_by = self.request.user
        return super().save_instance()


class IndexView(BoundedSearchMixin, generic.IndexView):
    base_filterset_class = CollatedFilterSet  # units listed in Vietnamese order


class CoverageIndexView(NamedExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("outlet", "topic", "responding_unit")


class CoverageViewSet(ModelViewSet):
    name = "press_coverage"
    model = Coverage
    icon = "openquote"
    menu_label = _("Press coverage")
    list_display = [
        "title",
        "outlet",
        "published_on",
        "tone",
        Column("response_status", label=_("Response"), accessor="get_response_status_display"),
        "responding_unit",
    ]
    list_filter = {
        "outlet": ["exact"],
        "published_on": ["gte", "lte"],
        "tone": ["exact"],
        "topic": ["exact"],
        "language": ["exact"],
        "needs_response": ["exact"],
        "response_status": ["exact"],
        "responding_unit": ["exact"],
    }
    search_fields = ["title", "summary", "outlet__name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = [
        "published_on", "outlet", "title", "url", "language", "tone", "topic", "needs_response", "responding_unit",
        "response_due", "response_status", "responded_on", "response_note",
    ]  # fmt: skip
    export_filename = "Thông tin báo chí"
    add_view_class = CoverageCreateView
    index_view_class = CoverageIndexView


class DelegationIndexView(NamedExportMixin, IndexView):
    pass


class DelegationFilterSet(CollatedFilterSet):
    starts__year = YearFilter(label=_("Year"), field_name="starts", lookup_expr="year")

    class Meta:
        model = Delegation
        fields = {"direction": ["exact"], "partner_country": ["exact"], "starts": ["year"], "host_unit": ["exact"]}


class OutletViewSet(ModelViewSet):
    name = "press_outlets"
    model = Outlet
    icon = "site"
    menu_label = _("Press outlets")
    list_display = ["name", "country", "website"]
    list_filter = ["country"]
    search_fields = ["name", "country"]
    search_backend_name = None
    index_view_class = IndexView
    copy_view_enabled = False


class DelegationViewSet(ModelViewSet):
    name = "delegations"
    model = Delegation
    icon = "globe"
    menu_label = _("Delegations")
    list_display = ["partner", "partner_country", "direction", "starts", "ends", "member_count"]
    filterset_class = DelegationFilterSet
    search_fields = ["partner", "partner_country", "head", "purpose"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    list_export = [
        "direction", "starts", "ends", "partner_country", "partner", "head", "member_count", "members", "purpose",
        "results", "host_unit",
    ]  # fmt: skip
    export_filename = "Đoàn ra, đoàn vào"
    index_view_class = DelegationIndexView


class PressViewSetGroup(ViewSetGroup):
    menu_label = _("Press and external relations")
    menu_icon = "openquote"
    menu_order = 260
    items = (CoverageViewSet, OutletViewSet, DelegationViewSet)


def check_permission(user):
    if not ModelPermissionPolicy(Coverage).user_has_permission(user, "view"):
        raise PermissionDenied


def month_digest(year, month):
    try:
        return Digest(int(year), int(month))
    except (ValueError, OverflowError) as error:  # month 13, year 0, a year past what a C int holds
        raise Http404 from error


class DigestIndexView(TemplateView):
    template_name = "press/digest_index.html"

    def dispatch(self, request, *args, **kwargs):
        check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = datetime.date.today()
        months = months_with_coverage()
        if not any((year, month) == (today.year, today.month) for year, month, _count in months):
            months.insert(0, (today.year, today.month, 0))
        context["months"] = [(datetime.date(year, month, 1), count) for year, month, count in months]
        return context


class DigestView(TemplateView):
    template_name = "press/digest.html"

    def dispatch(self, request, *args, **kwargs):
        check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, year, month, **kwargs):
        context = super().get_context_data(**kwargs)
        digest = month_digest(year, month)
        context.update(digest=digest, tables=digest.tables(), evidence=evidence(self.request, digest))
        return context


def digest_export(request, year, month, kind):
    check_permission(request.user)
    if kind not in EXPORTS:
        raise Http404
    digest = month_digest(year, month)
    name = file_name("Tổng hợp thông tin báo chí tháng", f"{digest.month:02d}", digest.year)
    return HttpResponse(
        getattr(digest, kind)(),
        content_type=EXPORTS[kind],
        headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'},
    )


def evidence(request, digest):
    """For each plan whose press monitoring task is due in the digest's month: the period, the
    reports that already give this digest as evidence, and a link to report it."""
    from plans.models import DuePeriod

    address = request.build_absolute_uri(reverse("press_digest", args=[digest.year, digest.month]))
    periods = DuePeriod.objects.filter(
        task__monitoring_plans__isnull=False, starts__lte=digest.last, due__gte=digest.first
    ).select_related("task__plan")
    text = _("Press coverage digest, %(month)s: %(count)s items, %(open)s needing a response.") % {
        "month": digest.label, "count": digest.total, "open": len(digest.needing_response()),
    }  # fmt: skip
    found = []
    for period in periods:
        reports = [report for report in period.reports.all() if address in report.evidence_links.split()]
        query = urlencode({"period": period.pk, "evidence_links": address, "text": text})
        found.append({"period": period, "reports": reports, "report_url": f"{reverse('plan_reports:add')}?{query}"})
    return found


class DelegationYearFilterSet(WagtailFilterSet):
    year = YearFilter(label=_("Year"), field_name="starts", lookup_expr="year")

    class Meta:
        model = Delegation
        fields = []


class DelegationYearReportView(NamedExportMixin, ReportView):
    """The delegations of a year (the current one unless chosen), with counts by direction and country."""

    page_title = _("Delegations by year")
    header_icon = "globe"
    index_url_name = "delegation_report"
    index_results_url_name = "delegation_report_results"
    results_template_name = "press/delegation_report_results.html"
    filterset_class = DelegationYearFilterSet
    permission_policy = ModelPermissionPolicy(Delegation)
    any_permission_required = ["view"]
    paginate_by = None
    list_export = [
        "direction", "starts", "ends", "partner_country", "partner", "head", "member_count", "purpose", "results",
        "host_unit",
    ]  # fmt: skip
    export_headings = {"member_count": _("Members")}
    export_filename = "Đoàn ra, đoàn vào"

    def get_queryset(self):
        return Delegation.objects.select_related("host_unit").order_by("starts", "pk")

    def year(self):
        chosen = self.filters.form.cleaned_data.get("year") if self.filters and self.filters.is_valid() else None
        return int(chosen) if chosen else datetime.date.today().year

    def export_period(self):
        return ("năm", self.year())

    def get_filtered_queryset(self):
        return self.get_queryset().filter(starts__year=self.year())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = {}
        for delegation in self.object_list:
            row = counts.setdefault(delegation.partner_country, {value: 0 for value in Delegation.Direction.values})
            row[delegation.direction] += 1
        context["year"] = self.year()
        context["directions"] = Delegation.Direction.choices
        context["by_country"] = [(country, [row[value] for value in Delegation.Direction.values])
                                 for country, row in collated(counts.items(), key=lambda item: item[0])]  # fmt: skip
        return context
