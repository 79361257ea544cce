from modeltranslation.translator import TranslationOptions, register

from .models import (
    DestinationIndexPage,
    DestinationPage,
    District,
    EventIndexPage,
    EventPage,
    InvestmentIndexPage,
    InvestmentPolicyPage,
    InvestmentProjectPage,
    InvestorEnquiryPage,
    ProductIndexPage,
    ProductPage,
    PublicationIndexPage,
    PublicationPage,
)


@register(District)
class DistrictTR(TranslationOptions):
    fields = ("name",)


@register(DestinationIndexPage)
class DestinationIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(DestinationPage)
class DestinationPageTR(TranslationOptions):
    fields = ("summary", "body", "highlights", "best_season", "getting_there", "hero_caption")


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("summary", "body", "venue", "agenda", "hero_caption")


@register(InvestmentIndexPage)
class InvestmentIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(InvestmentProjectPage)
class InvestmentProjectPageTR(TranslationOptions):
    fields = ("summary", "body", "contact", "hero_caption")


@register(InvestmentPolicyPage)
class InvestmentPolicyPageTR(TranslationOptions):
    fields = ("summary", "body")


@register(ProductIndexPage)
class ProductIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ProductPage)
class ProductPageTR(TranslationOptions):
    fields = ("summary", "body", "producer", "hero_caption")


@register(PublicationIndexPage)
class PublicationIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(PublicationPage)
class PublicationPageTR(TranslationOptions):
    fields = ("summary", "document")


@register(InvestorEnquiryPage)
class InvestorEnquiryPageTR(TranslationOptions):
    fields = ("intro", "thank_you")
