"""Four eyes at Wagtail's own workflow addresses (see `EditorialApprovalTask`).

Wagtail's workflow action views refuse an action that `get_actions` does not offer with its generic "no
permission" and a trip to the dashboard. An author who asks to approve their own submission there, from a dialog
or by posting to the address, is refused just the same, but told why and left where they were. Wagtail serves
every page's workflow views from the page viewset of its type: the one here is the default for all page types,
and a page type given a viewset of its own should subclass `FourEyesPageViewSet`.
"""

from django.contrib.messages import get_messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import CollectWorkflowActionDataView, WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import EditorialApprovalTask, another_approver_message


def approval_refused_message(page):
    title = _("“%(title)s” was not approved.") % {"title": get_latest_str(page)}
    return f"{title} {another_approver_message()}"


def explained_already(request):
    """Whether the request carries a four eyes refusal already (the editor then need not warn again)."""
    reason = str(another_approver_message())
    return any(reason in str(message) for message in get_messages(request))


class FourEyesRefusalMixin:
    def refuses_approval(self):
        return (
            self.action_name == "approve"
            and isinstance(self.task, EditorialApprovalTask)
            and self.task.refuses_approval_by(self.object, self.request.user)
        )

    def dispatch(self, request, *args, **kwargs):
        if not self.object.workflow_in_progress or not self.refuses_approval():
            return super().dispatch(request, *args, **kwargs)
        message = approval_refused_message(self.object)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Shown in the dialog, which Wagtail's scripts leave open for a step they do not know.
            context = {"title": get_latest_str(self.object), "message": message}
            return render_modal_workflow(request, "home/four_eyes_refusal.html", None, context, {"step": "refused"})
        messages.error(request, message)
        return redirect(self.redirect_url)


class FourEyesWorkflowActionView(FourEyesRefusalMixin, WorkflowActionView):
    pass


class FourEyesCollectWorkflowActionDataView(FourEyesRefusalMixin, CollectWorkflowActionDataView):
    pass


class FourEyesPageViewSet(PageViewSet):
    workflow_action_view_class = FourEyesWorkflowActionView
    collect_workflow_action_data_view_class = FourEyesCollectWorkflowActionDataView
