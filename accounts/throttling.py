"""Failed sign-ins, counted by django-axes in the database (so that every worker sees them).

One account tried from one address is locked after AXES_FAILURE_LIMIT failures; one address, whatever
the accounts it tries, after AXES_ADDRESS_FAILURE_LIMIT (higher, as a whole office may sign in from one
address). Both hold for AXES_COOLOFF_TIME after the last failure. The lockout page says the same
whether or not the account exists (templates/accounts/locked_out.html)."""

from axes.attempts import get_cool_off_threshold
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.db.models import Sum


def client_address(request):
    """The address the public forms' rate limit counts too: behind TRUSTED_PROXIES, the reader's."""
    from home.form_pages import client_address as form_client_address  # page models: not at settings time

    return form_client_address(None, request)


def failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher threshold for an address.

    Axes has one failure limit for all its lockout parameters; this handler reports the failures of
    the (account, address) pair, or the limit itself once the address has reached its own limit.
    """

    def get_failures(self, request, credentials=None):
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = recent.filter(ip_address=request.axes_ip_address)
        pair = failures(from_address.filter(username=get_client_username(request, credentials)))
        if failures(from_address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair
