"""The block library shared by every page body of the portal."""

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use a section heading first; sub-headings belong under one."),
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        preview_value = {"text": "Ba Bể National Park", "level": "h2"}
        description = _("A heading that structures the page for readers and screen readers.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"), help_text=_("The image's description is used as its alt text."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(
        label=_("Credit"),
        required=False,
        max_length=200,
        help_text=_("Author or source; leave empty to use the credit stored with the image."),
    )

    class Meta:
        icon = "image"
        template = "home/blocks/image_block.html"
        preview_value = {"caption": "Ba Bể lake", "credit": "Placeholder"}
        description = _("An image with caption and credit.")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), required=False, max_length=200, help_text=_("Names the gallery for screen readers.")
    )
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=2)

    class Meta:
        icon = "image"
        template = "home/blocks/gallery_block.html"
        preview_value = {"title": "Ba Bể", "images": []}
        description = _("Several photos side by side, each with its caption and credit.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        preview_value = {"text": "Bắc Kạn welcomes partners.", "attribution": "Plan 17/KH-UBND"}
        description = _("A quotation with its source.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link_block.html"
        preview_value = {"title": "Plan 17/KH-UBND (PDF)"}
        description = _("A link to download a document, with its type and size.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="home/blocks/paragraph_block.html",
        preview_value="<p>Bắc Kạn is a mountainous province in north-east Vietnam.</p>",
        description=_("Formatted text."),
    )
    image = ImageBlock()
    gallery = GalleryBlock()
    embed = EmbedBlock(
        label=_("Embedded media"),
        help_text=_("Address of a video, e.g. on YouTube."),
        icon="media",
        template="home/blocks/embed_block.html",
        description=_("A video or other media from another site."),
    )
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    table = TableBlock(
        label=_("Table"),
        icon="table",
        template="home/blocks/table_block.html",
        preview_value={
            "data": [["District", "Type"], ["Ba Bể", "District"]],
            "first_row_is_table_header": True,
            "table_caption": "Administrative units",
        },
        description=_("A table with a caption and a header row."),
    )

    class Meta:
        required = False


class TranslatedTextValue(blocks.StructValue):
    """Shows the text in the reader's language, or the first language it falls back to that has one."""

    def language(self):
        return next((code for code in resolution_order(translation.get_language()) if self.get(code)), "")

    def __str__(self):
        language = self.language()
        return self.get(language, "") if language else ""

    def __html__(self):
        return escape(str(self))


class TranslatedTextBlock(blocks.StructBlock):
    """One short text written in every site language, for blocks whose other values all languages share."""

    def __init__(self, local_blocks=None, required=True, max_length=200, **kwargs):
        source = settings.LANGUAGE_CODE  # the others may stay empty and fall back, as translated fields do
        languages = [
            (code, blocks.CharBlock(label=name, max_length=max_length, required=required and code == source))
            for code, name in settings.LANGUAGES
        ]
        super().__init__(local_blocks=[*languages, *(local_blocks or [])], **kwargs)

    class Meta:
        icon = "globe"
        value_class = TranslatedTextValue
        form_classname = "struct-block translated-text-block"


class EntryPointBlock(blocks.StructBlock):
    """A door for one kind of reader (investors, visitors, partners, journalists)."""

    title = blocks.CharBlock(label=_("Title"), max_length=80, help_text=_("e.g. Invest in Bắc Kạn"))
    text = blocks.TextBlock(label=_("Text"), max_length=240, help_text=_("One sentence: what the reader finds there."))
    page = blocks.PageChooserBlock(label=_("Page"), help_text=_("Where the link leads."))

    class Meta:
        icon = "link"
        template = "home/blocks/entry_point_block.html"
        preview_value = {"title": "Invest", "text": "Projects calling for investors, incentives and procedures."}
        description = _("A short text and a link for one kind of reader.")


class KeyFigureBlock(blocks.StructBlock):
    """A figure about the province: the number is shared by every language, the words are translated."""

    value = blocks.DecimalBlock(label=_("Figure"), help_text=_("The number alone, e.g. 4859.96"))
    unit = blocks.CharBlock(label=_("Unit"), required=False, max_length=20, help_text=_("e.g. km², %, ha"))
    label = TranslatedTextBlock(label=_("What it counts"), max_length=120)
    source = TranslatedTextBlock(label=_("Source"), required=False, max_length=200)
    is_sample = blocks.BooleanBlock(
        label=_("Sample figure"),
        required=False,
        help_text=_("Marks a demonstration figure so readers are not misled."),
    )

    class Meta:
        icon = "order"
        template = "home/blocks/key_figure_block.html"
        preview_value = {"value": "4859.96", "unit": "km²"}
        description = _("A figure with what it counts and its source.")
