import django_filters
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, Revision, Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from .exports import NamedExportMixin
from .freshness import content_version
from .models import PortalPage, TranslationStatus, other_languages
from .translation_files import (
    CONTENT_TYPE,
    TranslationFileForm,
    export_xliff,
    import_units,
    may_translate,
    pending_segments,
    xliff_file_name,
)

SITEMAP_SECONDS = 15 * 60


def sitemap_xml(request):
    """Every live public page once per language it is really written in, with its alternates.

    Cached for a quarter of an hour, but never past a change to what readers may see (home.freshness)."""
    key = f"sitemap:{request.get_host()}:{content_version()}"
    content = cache.get(key)
    if content is None:
        response = render_sitemap(request).render()
        cache.set(key, response.content, SITEMAP_SECONDS)
        return response
    return HttpResponse(content, content_type="application/xml")


def render_sitemap(request):
    site = Site.find_for_request(request)
    entries = []
    if site:
        pages = site.root_page.get_descendants(inclusive=True).live().public().specific()
        for page in pages:
            if not isinstance(page, PortalPage):
                continue
            urls = page.language_urls(request)
            alternates = [(code, urls[code]) for code in page.translated_languages]
            entries += [
                {"location": url, "lastmod": page.last_published_at, "alternates": alternates}
                for _code, url in alternates
            ]
    return TemplateResponse(request, "sitemap.xml", {"entries": entries}, content_type="application/xml")


class TranslationStatusFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=lambda request: Page.objects.filter(depth=SECTION_DEPTH).order_by("path"),
        method="filter_section",
        empty_label=_("All sections"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=other_languages, method="keep", empty_label=_("All languages")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TranslationStatus.choices, method="keep", empty_label=_("Any status")
    )

    class Meta:
        model = Page
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)

    def keep(self, queryset, name, value):
        return queryset  # statuses are computed from each page's text, after the query


SECTION_DEPTH = 3  # the tree root, the home page, then its sections


class TranslationStatusReportView(NamedExportMixin, ReportView):
    """Pages × languages: which translations readers can have, which are stale and which are missing.

    Statuses are read from each page's latest revision, the text editors are working on.
    """

    page_title = _("Translation status")
    export_filename = "Tình trạng bản dịch"
    header_icon = "globe"
    results_template_name = "home/reports/translation_status_results.html"
    index_url_name = "translation_status"
    index_results_url_name = "translation_status_results"
    filterset_class = TranslationStatusFilterSet
    any_permission_required = ["add", "change", "publish"]
    permission_policy = PagePermissionPolicy()
    paginate_by = 100

    @property
    def list_export(self):
        return ["title", "section", "page_type", *(f"status_{code}" for code in self.languages())]

    @property
    def export_headings(self):
        names = dict(settings.LANGUAGES)
        return {
            "title": _("Title"),
            "section": _("Section"),
            "page_type": _("Type"),
            **{f"status_{code}": names[code] for code in self.languages()},
        }

    def languages(self):
        chosen = self.filters.form.cleaned_data.get("language") if self.filters and self.filters.is_valid() else None
        return [chosen] if chosen else [code for code, _name in other_languages()]

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, self.any_permission_required
        )
        return pages.filter(depth__gt=1).order_by("path")

    def get_filtered_queryset(self):
        pages = [page for page in self.filter_queryset(self.get_queryset()).specific() if isinstance(page, PortalPage)]
        revisions = Revision.objects.in_bulk([page.latest_revision_id for page in pages if page.latest_revision_id])
        sections = dict(Page.objects.filter(depth=SECTION_DEPTH).values_list("path", "title"))
        chosen = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        rows = []
        for page in pages:
            revision = revisions.get(page.latest_revision_id)
            working = page.with_content_json(revision.content) if revision else page
            section = sections.get(page.path[: SECTION_DEPTH * Page.steplen], "")
            row = TranslationRow(page, working, section, self.languages())
            if row.matches(self.languages(), chosen.get("status")):
                rows.append(row)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = dict(settings.LANGUAGES)
        context["languages"] = [(code, names[code]) for code in self.languages()]
        return context


class TranslationRow:
    def __init__(self, page, working, section, languages):
        self.page = page
        self.languages = languages
        self.title = working.title
        self.section = section
        self.page_type = capfirst(type(page)._meta.verbose_name)
        self.statuses = working.translation_statuses()
        for code, status in self.statuses.items():
            setattr(self, f"status_{code}", status.label)

    def matches(self, languages, status):
        return not status or any(self.statuses[code] == status for code in languages)

    def cells(self):
        return [(code, self.statuses[code]) for code in self.languages]


def translatable_page(request, page_id):
    """The page, for someone who may edit it: outside translators' files go through their account."""
    page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(page, PortalPage):
        raise Http404
    if not may_translate(page, request.user):
        raise PermissionDenied
    return page


def export_translation_file(request, page_id, language):
    """The page's missing and stale text in one language, from its latest revision, as an XLIFF file."""
    page = translatable_page(request, page_id)
    if language not in dict(other_languages()):
        raise Http404  # the source language is written in the editor, not translated
    data = export_xliff(page.get_latest_revision_as_object(), language)
    return HttpResponse(
        data,
        content_type=f"{CONTENT_TYPE}; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, xliff_file_name(page, language))},
    )


class TranslationFilesView(WagtailAdminTemplateMixin, FormView):
    """Export a language's text to translate, and import the translated file into a draft."""

    template_name = "home/translation_files.html"
    form_class = TranslationFileForm
    page_title = _("Translation files")
    header_icon = "globe"

    def dispatch(self, request, page_id):
        self.page = translatable_page(request, page_id)
        self.working = self.page.get_latest_revision_as_object()
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return get_breadcrumbs_items_for_page(self.page, self.request.user) + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = self.working.translation_statuses()
        languages = []
        for code, name in other_languages():
            pending = [status for _segment, status in pending_segments(self.working, code)]
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "status": statuses[code],
                    "missing": pending.count("missing"),
                    "stale": pending.count("stale"),
                    "export_url": reverse("translation_file_export", args=[self.page.pk, code]),
                }
            )
        context.update(languages=languages, edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
        return context

    def form_valid(self, form):
        lock = self.working.get_lock()
        if lock and lock.for_user(self.request.user):
            form.add_error(None, lock.get_message(self.request.user))
            return self.form_invalid(form)
        language = form.cleaned_data["language"]
        try:
            result = import_units(self.working, language, form.cleaned_data["translation_file"], self.request.user)
        except ValidationError as error:  # the page as a whole, e.g. an address another page has
            form.add_error(None, error)
            return self.form_invalid(form)
        names = {"language": dict(settings.LANGUAGES)[language]}
        if result.changed:
            messages.warning(
                self.request,
                _(
                    "Not imported, because their Vietnamese text changed after the export: %(segments)s. "
                    "Export the file again to translate them."
                )
                % {"segments": "; ".join(result.changed)},
            )
        for label, message in result.invalid:
            messages.error(
                self.request, _("Not imported: %(segment)s. %(error)s") % {"segment": label, "error": message}
            )
        if result.revision:
            messages.success(
                self.request,
                _(
                    "%(language)s: translated texts saved in a new draft: %(count)s. "
                    "Submit the page for approval when it is ready."
                )
                % {**names, "count": len(result.saved)},
                buttons=[messages.button(reverse("wagtailadmin_pages:edit", args=[self.page.pk]), _("Edit"))],
            )
        elif not result.changed and not result.invalid:
            messages.warning(self.request, _("%(language)s: the file has no new translations.") % names)
        return redirect("translation_files", self.page.pk)
