"""Workflow e-mails that carry the reviewers' comments and reach everyone concerned.

Wagtail tells the author that a page was approved without the approver's comment, says nothing
when a step other than the last approves, and tells only the author when a later step sends the
page back. These notifiers replace its approval and rejection e-mails (they are connected under
Wagtail's own dispatch_uids, before Wagtail connects its own) and add the missing ones.
"""

from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseWorkflowStateEmailNotifier
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_approved, workflow_approved, workflow_rejected


class WorkflowNotifier(BaseWorkflowStateEmailNotifier):
    template_directory = "home/notifications/"
    event = ""  # names the templates; `notification` names the user's preference that allows the e-mail
    tells_earlier_steps = False

    def get_template_base_prefix(self, instance, **kwargs):
        return ""

    def get_template_set(self, instance, **kwargs):
        base = self.template_directory + self.event
        return {"subject": base + "_subject.txt", "text": base + ".txt", "html": base + ".html"}

    def get_recipient_users(self, workflow_state, user=None, **kwargs):
        recipients = {workflow_state.requested_by, getattr(workflow_state.content_object, "owner", None)}
        if self.tells_earlier_steps:
            recipients |= set(earlier_step_reviewers(workflow_state))
        return {recipient for recipient in recipients if recipient and recipient != user}

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        task_state = workflow_state.current_task_state
        context["task"] = task_state.task if task_state else None
        context["task_state"] = task_state
        context["comments"] = [
            state
            for state in workflow_state.task_states.exclude(comment="").select_related("task", "finished_by")
            if state.status in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED)
        ]
        return context


def earlier_step_reviewers(workflow_state):
    current = workflow_state.current_task_state
    if current is None:
        return get_user_model().objects.none()
    steps = workflow_state.workflow.workflow_tasks.all()
    position = steps.get(task=current.task).sort_order
    earlier = [step.task.specific for step in steps.filter(sort_order__lt=position)]
    groups = [group for task in earlier for group in getattr(task, "groups", []).all()]
    return get_user_model().objects.filter(groups__in=groups, is_active=True).distinct()


class ApprovalNotifier(WorkflowNotifier):
    notification = "approved"
    event = "approved"


class StepApprovalNotifier(WorkflowNotifier):
    """A step approved and the page moved on to the next one."""

    notification = "approved"
    event = "step_approved"

    def __init__(self):
        super().__init__()
        self.valid_classes = (TaskState,)

    def __call__(self, instance=None, user=None, **kwargs):
        workflow_state = instance.workflow_state
        if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            return False  # the last step: the workflow's own approval e-mail says it
        context_user = user
        recipients = self.get_valid_recipients(workflow_state, user=context_user)
        if not recipients:
            return True
        context = self.get_context(workflow_state)
        context["approved_step"] = instance
        return self.send_notifications(self.get_template_set(workflow_state), context, recipients)


class ChangesRequestedNotifier(WorkflowNotifier):
    notification = "rejected"
    event = "changes_requested"
    tells_earlier_steps = True


class DeclinedNotifier(WorkflowNotifier):
    notification = "rejected"
    event = "declined"
    tells_earlier_steps = True


def notify_declined(task_state, user):
    DeclinedNotifier()(task_state.workflow_state, user=user)


def connect_signals():
    workflow_approved.connect(
        ApprovalNotifier(),
        sender=WorkflowState,
        weak=False,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        ChangesRequestedNotifier(),
        sender=WorkflowState,
        weak=False,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    task_approved.connect(StepApprovalNotifier(), weak=False, dispatch_uid="portal_step_approved_email_notification")
