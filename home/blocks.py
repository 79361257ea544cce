"""The block library shared by every page body of the portal."""

from django.utils.translation import gettext_lazy as _
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
