from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Coverage, Delegation
from .views import DelegationYearReportView, DigestIndexView, DigestView, PressViewSetGroup, digest_export


@hooks.register("register_admin_viewset")
def register_press_viewsets():
    return PressViewSetGroup()


@hooks.register("register_admin_urls")
def register_digest_urls():
    return [
        path("press/digests/", DigestIndexView.as_view(), name="press_digests"),
        path("press/digests/<int:year>/<int:month>/", DigestView.as_view(), name="press_digest"),
        path("press/digests/<int:year>/<int:month>/<str:kind>/", digest_export, name="press_digest_export"),
        path("reports/delegations/", DelegationYearReportView.as_view(), name="delegation_report"),
        path("reports/delegations/results/", DelegationYearReportView.as_view(results_only=True),
             name="delegation_report_results"),
    ]


class ViewPermissionMenuItem(MenuItem):
    def __init__(self, model, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model

    def is_shown(self, request):
        return ModelPermissionPolicy(self.model).user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_digest_menu_item():
    return ViewPermissionMenuItem(
        Coverage, _("Monthly press digests"), reverse("press_digests"), icon_name="openquote", order=170
    )


@hooks.register("register_reports_menu_item")
def register_delegation_menu_item():
    return ViewPermissionMenuItem(
        Delegation, _("Delegations by year"), reverse("delegation_report"), icon_name="globe", order=171
    )
