import time

from django_otp.oath import TOTP


def code(device, later=0):
    """What the user's authenticator app shows now (or `later` seconds from now: a code is accepted once)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"
