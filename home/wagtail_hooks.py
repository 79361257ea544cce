from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy

from .editorial import SOURCE_PERMISSION, can_write_image_source
from .images import image_permission_policy
from .translation_files import may_translate
from .views import TranslationFilesView, TranslationStatusReportView, export_translation_file

# For the exact class: wagtail.images registers its own in ready(), which may run after this module is imported.
register_permission_policy(get_image_model(), image_permission_policy(), exact_class=True)


@hooks.register("register_permissions")
def register_source_permission():
    app_label, _model, codename, _name = SOURCE_PERMISSION
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("before_bulk_action")
def keep_translators_to_descriptions(request, action_type, objects, action_class_instance):
    """Tags, collections and deletion of images are not translators' business (see `PortalImageForm`)."""
    if action_class_instance.model is get_image_model() and not all(
        can_write_image_source(request.user, image) for image in objects
    ):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/translation-status/", TranslationStatusReportView.as_view(), name="translation_status"),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="translation_status_results",
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return TranslationStatusReportView.permission_policy.user_has_any_permission(
            request.user, TranslationStatusReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse("translation_status"), name="translation-status", icon_name="globe", order=150
    )


@hooks.register("insert_global_admin_css")
def admin_fonts():
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("css/fonts.css"),
        static("css/admin.css"),
    )


@hooks.register("filter_form_submissions_for_user")
def keep_submissions_to_their_group(user, editable_forms):
    from .form_pages import handled_forms_for_user

    return handled_forms_for_user(user, editable_forms)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    from .submissions import register_log_actions

    register_log_actions(actions)


@hooks.register("register_admin_urls", order=-1)  # before wagtail.contrib.forms's, to answer its delete address
def register_submission_urls():
    from .submissions import DeletePersonalDataView, LoggedDeleteSubmissionsView, PersonalDataView

    return [
        path(
            "forms/submissions/<int:page_id>/delete/",
            LoggedDeleteSubmissionsView.as_view(),
            name="delete_form_submissions",
        ),
        path("personal-data/", PersonalDataView.as_view(), name="form_personal_data"),
        path("personal-data/delete/", DeletePersonalDataView.as_view(), name="form_personal_data_delete"),
    ]


@hooks.register("construct_homepage_panels")
def add_handled_forms_panel(request, panels):
    from .form_pages import HandledFormsPanel, handled_forms

    forms = handled_forms(request.user)
    if forms:
        panels.append(HandledFormsPanel(forms))


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's apps add theirs
def name_the_portal_in_the_site_summary(request, summary_items):
    from .admin_strings import portal_named

    summary_items[:] = [portal_named(type(item))(request) for item in summary_items]


@hooks.register("construct_main_menu")
def hide_forms_list_from_handling_groups(request, menu_items):
    """Wagtail's list of forms is for page editors; handling groups reach theirs from the dashboard."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    actions = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}
    if not PagePermissionPolicy().user_has_any_permission(request.user, actions):
        menu_items[:] = [item for item in menu_items if item.name != "forms"]


@hooks.register("register_admin_urls")
def register_translation_file_urls():
    return [
        path("translation-files/<int:page_id>/", TranslationFilesView.as_view(), name="translation_files"),
        path(
            "translation-files/<int:page_id>/<str:language>.xlf",
            export_translation_file,
            name="translation_file_export",
        ),
    ]


class TranslationFilesMenuItem(PageMenuItem):
    label = _("Translation files")
    icon_name = "globe"
    url_name = "translation_files"

    def is_shown(self, user):
        return may_translate(self.page, user)


@hooks.register("register_page_listing_more_buttons")
def translation_files_listing_button(page, user, next_url=None):
    yield TranslationFilesMenuItem(page=page, priority=45)


@hooks.register("register_page_header_buttons")
def translation_files_header_button(page, user, view_name, next_url=None):
    yield TranslationFilesMenuItem(page=page, priority=62)


@hooks.register("before_edit_page")
def explain_four_eyes(request, page):
    """Why the editor offers a reviewer no approval of what they submitted or wrote (see `EditorialApprovalTask`);
    an approval posted anyway is refused, and Wagtail saves the form as a draft."""
    from wagtail.admin import messages

    from .four_eyes import explained_already
    from .models import EditorialApprovalTask, another_approver_message

    task = page.current_workflow_task
    if not isinstance(task, EditorialApprovalTask) or not task.refuses_approval_by(page, request.user):
        return None
    if request.method != "POST":
        if not explained_already(request):
            messages.warning(request, another_approver_message())
    elif request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve":
        messages.error(request, another_approver_message())
    return None


@hooks.register("register_admin_viewset")  # after Wagtail's own default, which it replaces
def register_page_viewset():
    from .four_eyes import FourEyesPageViewSet

    return FourEyesPageViewSet()
