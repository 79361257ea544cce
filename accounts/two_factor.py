"""Who signs in with a second step: a code from an authenticator app (TOTP, django-otp).

It is required, when TWO_FACTOR_REQUIRED is on, of superusers and of the groups TWO_FACTOR_GROUPS names
(approvers, the plan's coordinators, site administrators): their first sign-in sets it up. Everyone
else may turn it on from their account, and is then asked for a code at every sign-in too."""

import re

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(user):
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if user.is_superuser:
        return True
    patterns = [re.compile(pattern) for pattern in settings.TWO_FACTOR_GROUPS]
    return any(pattern.search(name) for name in user.groups.values_list("name", flat=True) for pattern in patterns)


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def asks_for_code(user):
    """Whether this signed-in user must give a code before using the admin (cached on the user)."""
    if not hasattr(user, "_asks_for_code"):
        user._asks_for_code = required_for(user) or confirmed_device(user) is not None
    return user._asks_for_code


def unconfirmed_device(user):
    """The key being set up: the same one while the user reloads the page, until a code confirms it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
