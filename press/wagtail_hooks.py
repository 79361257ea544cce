from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Coverage
from .views import DigestIndexView, DigestView, PressViewSetGroup, digest_export


@hooks.register("register_admin_viewset")
def register_press_viewsets():
    return PressViewSetGroup()


@hooks.register("register_admin_urls")
def register_digest_urls():
    return [
        path("press/digests/", DigestIndexView.as_view(), name="press_digests"),
        path("press/digests/<int:year>/<int:month>/", DigestView.as_view(), name="press_digest"),
        path("press/digests/<int:year>/<int:month>/<str:kind>/", digest_export, name="press_digest_export"),
    ]


class DigestMenuItem(MenuItem):
    def is_shown(self, request):
        return ModelPermissionPolicy(Coverage).user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_digest_menu_item():
    return DigestMenuItem(_("Monthly press digests"), reverse("press_digests"), icon_name="openquote", order=170)
