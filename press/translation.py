from modeltranslation.translator import TranslationOptions, register

from .models import ForeignPressRegistrationPage


@register(ForeignPressRegistrationPage)
class ForeignPressRegistrationPageTR(TranslationOptions):
    fields = ("intro", "thank_you")
