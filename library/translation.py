from modeltranslation.translator import TranslationOptions, register

from .models import DocumentIndexPage, OfficialDocumentPage


@register(DocumentIndexPage)
class DocumentIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(OfficialDocumentPage)
class OfficialDocumentPageTR(TranslationOptions):
    fields = ("abstract",)
