from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import CodeForm
from .two_factor import asks_for_code, confirmed_device, required_for, unconfirmed_device


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): the same page whatever the account, and
    whether it exists or not."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)  # after the view: rendered now


def next_url(request, default="wagtailadmin_home"):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(default)


def with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': next_url(request)})}"


class CodeStepView(FormView):
    """A step after the password, in the sign-in page's look: a code from the authenticator app."""

    form_class = CodeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": next_url(self.request)}

    def post(self, request, *args, **kwargs):
        # Locked, so that two requests at once cannot both try a code past the device's throttling.
        with transaction.atomic():
            self.device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.request.session.cycle_key()
        otp_login(self.request, self.device)
        return HttpResponseRedirect(next_url(self.request))


class VerifyView(CodeStepView):
    template_name = "accounts/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(next_url(request))
        self.device = confirmed_device(request.user)
        if self.device is None:  # nothing to verify: set one up if the role requires it
            if asks_for_code(request.user):
                return redirect(with_next("accounts_two_factor_setup", request))
            return redirect(next_url(request))
        return super().dispatch(request, *args, **kwargs)


class SetupView(CodeStepView):
    """Shows a new key as a QR code (and as text, for apps that cannot scan); a code from it turns it on,
    replacing any earlier authenticator of the user."""

    template_name = "accounts/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if confirmed_device(request.user) and not request.user.is_verified():
            return redirect(with_next("accounts_two_factor_verify", request))  # a password alone changes nothing
        self.device = unconfirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        qr = segno.make(self.device.config_url, error="m")
        key = b32encode(self.device.bin_key).decode()
        context.update(
            # Inline SVG: no script and no image request, which the admin's Content-Security-Policy allows.
            qr_code=mark_safe(qr.svg_inline(scale=4, dark="#000", light="#fff", title=gettext("QR code to scan"))),
            key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            required=required_for(self.request.user),
        )
        return context

    def form_valid(self, form):
        TOTPDevice.objects.filter(user=self.request.user).exclude(pk=self.device.pk).delete()
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        messages.success(self.request, gettext("Two-step verification is on: a code will be asked at every sign-in."))
        return super().form_valid(form)


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """The user's own page (from their account): whether the second step is on, set it up again, turn it off."""

    template_name = "accounts/two_factor.html"
    page_title = _("Two-step verification")
    header_icon = "key"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        here = reverse("accounts_two_factor")
        return {
            **super().get_context_data(**kwargs),
            "device": confirmed_device(user),
            "required": required_for(user),
            "setup_url": f"{reverse('accounts_two_factor_setup')}?{urlencode({'next': here})}",
        }

    def post(self, request):
        if not required_for(request.user):
            TOTPDevice.objects.filter(user=request.user).delete()
            messages.success(request, gettext("Two-step verification is off."))
        return redirect("accounts_two_factor")
