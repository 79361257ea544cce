from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from .models import OPEN_STATUSES, ResponseStatus


def mark_answered(sender, instance, **kwargs):
    """Publishing a clarification (after its approval) answers the open coverage it names."""
    coverage = getattr(instance, "responds_to", None)
    if coverage is None:
        return
    for item in coverage.filter(response_status__in=OPEN_STATUSES):
        item.response_status = ResponseStatus.ANSWERED
        item.responded_on = timezone.localdate()
        note = _("Clarification published: %(url)s") % {"url": instance.full_url or instance.url_path}
        item.response_note = f"{item.response_note}\n{note}".strip()
        item.save(update_fields=["response_status", "responded_on", "response_note"])


def connect():
    page_published.connect(mark_answered, dispatch_uid="press_mark_answered")
