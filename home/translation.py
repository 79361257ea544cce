from modeltranslation.translator import TranslationOptions, register

from .models import HomePage, PortalImage, PortalSettings, StandardPage


@register(PortalImage)
class PortalImageTR(TranslationOptions):
    fields = ("description", "credit")


@register(PortalSettings)
class PortalSettingsTR(TranslationOptions):
    fields = (
        "portal_name",
        "province_name",
        "tagline",
        "address",
        "office_hours",
        "spokesperson_name",
        "spokesperson_title",
    )


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "entry_points", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("summary", "body")
