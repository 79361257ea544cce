from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from home.query_params import BoundedSearchMixin

PERMISSION = "wagtailsearchpromotions.change_searchpromotion"


class PopularSearchesReportView(BoundedSearchMixin, SearchTermsReportView):
    """Wagtail's search terms report, for whoever chooses promoted results, not only superusers."""

    page_title = _("Popular searches")
    index_url_name = "popular_searches"
    index_results_url_name = "popular_searches_results"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)


class PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    view = PopularSearchesReportView
    return [
        path("reports/popular-searches/", view.as_view(), name="popular_searches"),
        path("reports/popular-searches/results/", view.as_view(results_only=True), name="popular_searches_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PermissionMenuItem(
        _("Popular searches"), reverse("popular_searches"), name="popular-searches", icon_name="search", order=1300
    )


@hooks.register("construct_reports_menu")
def hide_superuser_only_search_terms(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
