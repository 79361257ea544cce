import hashlib
import json
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, resolution_order
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import AbstractGroupApprovalTask, Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from .blocks import BaseStreamBlock, EntryPointBlock, KeyFigureBlock
from .forms import PortalPageForm
from .home_sections import SectionPageChooserPanel, home_page_content, section_models
from .panels import TranslationStatusPanel
from .slugs import ascii_slug


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def localized_fieldnames(field_name):
    return tuple(build_localized_fieldname(field_name, code) for code in language_codes())


def other_languages():
    """The languages translated from the default (source) language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def reader_text_fields(model):
    """The translated fields readers see; the slug and URL path only address the page."""
    return [name for name in translator.get_options_for_model(model).all_fields if name not in ("slug", "url_path")]


def is_translated(page, language, field_name="title"):
    """A page counts as written in a language when its title is; works on any translated object."""
    return bool(getattr(page, build_localized_fieldname(field_name, language), ""))


def content_language(page, language=None, field_name="title"):
    """The language readers of `language` (the active one by default) actually see."""
    for code in resolution_order(language or translation.get_language()):
        if is_translated(page, code, field_name):
            return code
    return settings.LANGUAGE_CODE


def absolute_url(page, request):
    """The page's address in the active language, on the host the reader used."""
    return request.build_absolute_uri(page.get_url(request))


LISTING_RENDITIONS = ("fill-480x270|format-webp", "fill-960x540|format-webp")  # includes/card_image.html


def with_listing_images(pages, field_name="hero_image"):
    """Pages with the image their listing card shows, renditions included, in two queries."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(*LISTING_RENDITIONS)
    return pages.prefetch_related(Prefetch(field_name, queryset=images))


class PortalImage(AbstractImage):
    """Images whose description, used as alt text, is written in every language."""

    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Author or source of the image, shown beside it in the reader's language."),
    )

    admin_form_fields = (
        "title",
        "file",
        *localized_fieldnames("description"),
        *localized_fieldnames("credit"),
        *(name for name in Image.admin_form_fields if name not in ("title", "file", "description")),
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Network"), max_length=50, help_text=_("e.g. Facebook"))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        template = "home/blocks/social_link_block.html"
        preview_value = {"label": "Facebook", "url": "https://www.facebook.com/"}
        description = _("A link to one of the province's accounts on a social network.")


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Who runs the portal and how to reach them (Decree 09/2017 asks for the spokesperson)."""

    portal_name = models.CharField(
        _("portal name"), max_length=200, help_text=_("Shown in the header and page titles.")
    )
    province_name = models.CharField(_("province name"), max_length=100, help_text=_("e.g. Bắc Kạn province."))
    tagline = models.CharField(
        _("tagline"), max_length=255, blank=True, help_text=_("A short line under the portal name.")
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("emblem or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the header; its description is the alt text."),
    )
    favicon = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("browser icon (favicon)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square image (PNG, at least 180 × 180 pixels) shown in browser tabs and bookmarks; "
            "when empty, a neutral emblem."
        ),
    )
    address = models.TextField(_("address"), blank=True, help_text=_("Postal address of the office."))
    phone = models.CharField(_("phone"), max_length=50, blank=True, help_text=_("Office phone number."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Office e-mail address."))
    office_hours = models.CharField(
        _("office hours"), max_length=255, blank=True, help_text=_("When the office answers.")
    )
    vnd_per_usd = models.DecimalField(
        _("VND per US dollar"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Exchange rate used to show investment capital also in US dollars, e.g. 23000."),
    )
    vnd_per_usd_date = models.DateField(
        _("rate date"), null=True, blank=True, help_text=_("The day the exchange rate was taken, shown beside it.")
    )
    spokesperson_name = models.CharField(
        _("spokesperson's name"), max_length=150, blank=True, help_text=_("Full name.")
    )
    spokesperson_title = models.CharField(
        _("spokesperson's title"), max_length=255, blank=True, help_text=_("Position and agency.")
    )
    spokesperson_phone = models.CharField(
        _("spokesperson's phone"), max_length=50, blank=True, help_text=_("Phone for the press.")
    )
    spokesperson_email = models.EmailField(_("spokesperson's e-mail"), blank=True, help_text=_("E-mail for the press."))
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
        help_text=_("The province's official accounts, shown in the footer."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("portal_name"),
                FieldPanel("province_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("favicon"),
            ],
            heading=_("Portal"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("office_hours")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("spokesperson_name"),
                FieldPanel("spokesperson_title"),
                FieldPanel("spokesperson_phone"),
                FieldPanel("spokesperson_email"),
            ],
            heading=_("Spokesperson"),
        ),
        FieldPanel("social_links"),
        MultiFieldPanel([FieldPanel("vnd_per_usd"), FieldPanel("vnd_per_usd_date")], heading=_("Exchange rate")),
    ]

    select_related = ["logo", "favicon"]  # every page shows them: fetched with the settings, not after

    class Meta:
        verbose_name = _("portal settings")


BLOCK_KEY = re.compile(r' data-block-key=\\?"[^"\\]*\\?"')  # rich text paragraph ids (JSON-escaped or not)


class TranslationStatus(models.TextChoices):
    READY = "ready", _("Ready")
    STALE = "stale", _("Stale")
    MISSING = "missing", _("Missing")


class PortalPage(Page):
    """A page whose text exists in some of the site's languages and falls back for the rest.

    All languages share one revision and one approval, so each language other than the source
    carries its own state in `translation_state`: whether an editor has marked it ready for
    readers, and a fingerprint of the source text it was written from, which makes it stale
    when the source changes. A language that is not ready is blanked in the live row when the
    page is saved (its text stays in the revisions), so readers get the fallback language's text
    with a notice, and the page is not offered in that language to search engines.
    """

    translation_state = models.JSONField(_("translation status"), default=dict, blank=True, editable=False)
    plan_task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("plan task it fulfils"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The task of the external-information plan this page carries out; it then counts as evidence."),
    )

    base_form_class = PortalPageForm
    # Editors search the admin by the title in any language (the index holds both as typed and folded).
    search_fields = Page.search_fields + [index.SearchField("all_titles"), index.AutocompleteField("all_titles")]
    translation_panels = [TranslationStatusPanel(heading=_("Languages of this page"))]
    promote_panels = Page.promote_panels + [FieldPanel("plan_task")]

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        tabs = [
            ObjectList(panels, heading=heading)
            for panels, heading in (
                (cls.content_panels, _("Content")),
                (cls.promote_panels, _("Promote")),
                (cls.settings_panels, _("Settings")),
                (cls.translation_panels, _("Translations")),
            )
            if panels
        ]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    def text_fingerprint(self, language):
        """A short hash of the page's text in one language, by content (block ids and keys aside)."""
        digest = hashlib.sha256()
        for name in reader_text_fields(type(self)):
            field = self._meta.get_field(build_localized_fieldname(name, language))
            value = getattr(self, field.attname)
            if value is None or value == "":
                text = ""  # an empty field, whether the form saved it as "" or code left it null
            elif isinstance(value, blocks.StreamValue):
                text = json.dumps([(child.block_type, child.block.get_prep_value(child.value)) for child in value])
            else:
                text = field.value_to_string(self)
            digest.update(f"{name}={BLOCK_KEY.sub('', text)}\x00".encode())
        return digest.hexdigest()[:16]

    def source_fingerprint(self):
        return self.text_fingerprint(settings.LANGUAGE_CODE)

    def is_ready(self, language):
        """Marked ready in the editor; a page made in code (demo, import) counts what it has written."""
        if language == settings.LANGUAGE_CODE:
            return True
        state = self.translation_state.get(language)
        return is_translated(self, language) if state is None else bool(state.get("ready"))

    def translation_status(self, language, fingerprint=None):
        if language == settings.LANGUAGE_CODE:
            return TranslationStatus.READY
        if not self.is_ready(language) or not is_translated(self, language):
            return TranslationStatus.MISSING
        written_from = self.translation_state.get(language, {}).get("source")
        if written_from and written_from != (fingerprint or self.source_fingerprint()):
            return TranslationStatus.STALE
        return TranslationStatus.READY

    def translation_statuses(self):
        fingerprint = self.source_fingerprint()
        return {code: self.translation_status(code, fingerprint) for code in language_codes()}

    def record_translations(self, ready, confirmed=(), before=None):
        """Store which languages are ready, and the source text each was last written or checked against.

        A translation counts as rewritten when its own text differs from the last time it was
        recorded; marking it ready or ticking it as checked also brings it up to date. `before`
        (each language's fingerprint before this edit) stands in for a state never recorded.
        """
        source = self.source_fingerprint()
        state = {}
        for code, _name in other_languages():
            previous = self.translation_state.get(code)
            if previous is None:
                previous = {"text": before[code], "source": before[settings.LANGUAGE_CODE]} if before else {}
            text = self.text_fingerprint(code)
            current = text != previous.get("text") or code in confirmed or (code in ready and not self.is_ready(code))
            written_from = source if current else previous.get("source")
            state[code] = {"ready": code in ready, "source": written_from, "text": text}
        self.translation_state = state

    def unready_fields(self):
        """The model fields holding text of languages that are not ready for readers."""
        unready = [code for code, _name in other_languages() if not self.is_ready(code)]
        return [
            self._meta.get_field(build_localized_fieldname(name, code))
            for name in reader_text_fields(type(self))
            for code in unready
        ]

    def fill_slugs(self):
        """Every language's slug in ASCII (see `slugs`), and one from the title where a language has none.

        As in Wagtail's editor, the slug follows the title only until the page is published: a live
        page's address in a language does not change because its title was added later.
        """
        parent = self.get_parent() if self.path else None
        for code in language_codes():
            name = build_localized_fieldname("slug", code)
            slug = getattr(self, name) or ""
            if slug and not slug.isascii():
                setattr(self, name, ascii_slug(slug))
            elif not slug and parent is not None and (self.pk is None or not self.live):
                base = ascii_slug(getattr(self, build_localized_fieldname("title", code)))
                if base:
                    setattr(self, name, self.available_slug(base, parent, code))

    def available_slug(self, base, parent, language):
        """`base`, or `base-2`, `base-3`…: the first that no sibling's address in `language` uses."""
        siblings = parent.get_children().exclude(pk=self.pk) if self.pk else parent.get_children()
        # A sibling without a slug in `language` is addressed by its fallback language's slug.
        fields = [build_localized_fieldname("slug", code) for code in resolution_order(language)]
        similar = models.Q()
        for field in fields:
            similar |= models.Q(**{f"{field}__startswith": base})
        taken = {next(filter(None, row), None) for row in siblings.filter(similar).values_list(*fields)}
        candidate, suffix = base, 1
        while candidate in taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate

    def full_clean(self, *args, **kwargs):
        self.fill_slugs()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.fill_slugs()
        super().minimal_clean()

    def save(self, *args, **kwargs):
        """Keep languages that are not ready out of the live row, but in the object (and so the revision)."""
        if kwargs.get("update_fields") is not None:
            return super().save(*args, **kwargs)
        kept = {field.attname: getattr(self, field.attname) for field in self.unready_fields()}
        for field in self.unready_fields():
            setattr(self, field.attname, None if field.null else field.get_default())
        if any(kept.values()):
            # Text that is not live yet: Wagtail's editor then opens the revision, not the live row.
            self.has_unpublished_changes = True
        try:
            return super().save(*args, **kwargs)
        finally:
            for attname, value in kept.items():
                setattr(self, attname, value)

    def permissions_for_user(self, user):
        from .editorial import EditorialPermissionTester

        return EditorialPermissionTester(user, self)

    def is_translated(self, language):
        return is_translated(self, language)

    @cached_property
    def translated_languages(self):
        return [code for code in language_codes() if self.is_translated(code)]

    def content_language(self, language=None):
        return content_language(self, language)

    def language_urls(self, request):
        """The page's absolute URL in each language (untranslated languages included)."""
        urls = {}
        for code in language_codes():
            with translation.override(code):
                urls[code] = absolute_url(self, request)
        return urls

    @property
    def preview_modes(self):
        return list(settings.LANGUAGES)

    @property
    def default_preview_mode(self):
        return settings.LANGUAGE_CODE

    def serve_preview(self, request, mode_name):
        """Editors preview each language as its readers will see it."""
        with translation.override(mode_name):
            request.LANGUAGE_CODE = mode_name
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render"):
                response.render()
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["content_language"] = self.content_language()
        return context

    def structured_data(self, request):
        """The schema.org type and facts of this page; the `page_meta` tag adds the common ones."""
        return {"@type": "WebPage"}

    def all_titles(self):
        from search.text import index_text

        titles = " ".join(filter(None, (getattr(self, f"title_{code}") for code in language_codes())))
        return f"{titles} {index_text(titles)}"

    def search_terms(self):
        """Words readers search for that are facts, not prose (a document's number); found in every language."""
        return []

    def search_facts(self):
        """Facts about the page in the reader's language (its district, its sector): search weighs them as a summary."""
        return []

    def search_date(self):
        """The date search results show and filter by year; pages with a date of their own override it."""
        return timezone.localdate(self.first_published_at) if self.first_published_at else None


class SectionPage(PortalPage):
    """A page that introduces a section of the portal and lists what is under it."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences about the section."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = PortalPage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class HeroImageMixin(models.Model):
    """The main image of a page: shown at its top, in listings and when the page is shared."""

    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top and in listings; its description is the alt text."),
    )
    hero_caption = models.CharField(
        _("image caption"), max_length=300, blank=True, help_text=_("What the image shows.")
    )

    hero_panels = [FieldPanel("hero_image"), FieldPanel("hero_caption")]

    class Meta:
        abstract = True


class HomeHeading(models.TextChoices):
    PORTAL_NAME = "portal_name", _("The portal's name")
    TAGLINE = "tagline", _("The tagline")


class HomePage(PortalPage):
    """The province in one screen, then a section for what each kind of reader came for.

    Editors choose what leads; whatever they leave empty is filled with the newest pages ready in the
    reader's language, from the sections the content apps contribute (`home_sections`).
    """

    heading = models.CharField(
        _("main heading"),
        max_length=20,
        choices=HomeHeading.choices,
        default=HomeHeading.PORTAL_NAME,
        help_text=_("Taken from the portal settings in the reader's language; the other is shown under it."),
    )
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences shown in the banner."))
    lead_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "An article, event, investment opportunity or destination, shown first with its image and summary. "
            "When empty: the newest article ready in the reader's language."
        ),
    )
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        verbose_name=_("entry points"),
        blank=True,
        help_text=_(
            "A short text and a link for each kind of reader: invest, visit, friendship, official information."
        ),
    )
    featured_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("featured pages"),
        blank=True,
        help_text=_(
            "Investment projects, destinations, events or articles shown first in their section, in this order, "
            "in every language; the newest fill the rest."
        ),
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        verbose_name=_("key figures"),
        blank=True,
        help_text=_("Figures about the province, each with what it counts and its source."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("Shown after the sections."))

    content_panels = Page.content_panels + [
        FieldPanel("heading"),
        FieldPanel("intro"),
        SectionPageChooserPanel("lead_page"),
        FieldPanel("entry_points"),
        FieldPanel("featured_pages"),
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "news.ArticleIndexPage",
        "promotion.DestinationIndexPage",
        "promotion.EventIndexPage",
        "promotion.InvestmentIndexPage",
        "promotion.ProductIndexPage",
        "promotion.PublicationIndexPage",
        "library.DocumentIndexPage",
        "plans.PlanPage",
        "press.ForeignPressRegistrationPage",
        "promotion.InvestorEnquiryPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        if self.lead_page_id and self.lead_page.specific_class not in section_models():
            raise ValidationError(
                {"lead_page": _("Choose an article, an event, an investment opportunity or a destination.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_content(self, request))
        return context


class StandardPage(PortalPage):
    """Pages such as "About the province" and "Contact", and the groups of sections the main menu shows
    ("Visit" holding destinations and events): a group is a StandardPage whose children are sections."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown under the title, in listings and in search results.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = HomePage.subpage_types

    class Meta:
        verbose_name = _("standard page")


def another_approver_message():
    return _(
        "Another reviewer must approve this step: you submitted this page for review or wrote the version "
        "being reviewed."
    )


class EditorialApprovalTask(AbstractGroupApprovalTask):
    """Wagtail's group approval, with a refusal that ends the workflow besides a request for changes.

    "Request changes" sends the page back to its author, whose resubmission resumes at this step;
    "Reject" ends the workflow, and the page must go through every step again.

    Four eyes (`requires_other_approver`, on for the first step of each workflow): whoever submitted the page,
    or wrote the revision under review, may not approve it. Wagtail offers and performs only the actions
    `get_actions` returns, in the editor, the dashboard and its workflow action views alike.
    """

    requires_other_approver = models.BooleanField(
        _("another person approves"),
        default=True,
        help_text=_(
            "Whoever submitted the page for review, or wrote the version under review, cannot approve it at "
            "this step: another member of the groups must."
        ),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["requires_other_approver"]

    def authors(self, obj):
        """The ids of who submitted the object's review at this step and who wrote the revision under review."""
        task_state = obj.current_workflow_task_state
        if task_state is None or task_state.task_id != self.pk:
            return set()
        revision_user = task_state.revision.user_id if task_state.revision_id else None
        return {task_state.workflow_state.requested_by_id, revision_user} - {None}

    def refuses_approval_by(self, obj, user):
        """Whether the user could approve this step but for having written or submitted what is under review."""
        return self.requires_other_approver and bool(super().get_actions(obj, user)) and user.pk in self.authors(obj)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions.insert(1, ("decline", _("Reject"), True))
            if self.refuses_approval_by(obj, user):
                actions = [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and self.refuses_approval_by(task_state.workflow_state.content_object, user):
            raise PermissionDenied(another_approver_message())  # the views ask `get_actions` first; code may not
        if action_name != "decline":
            return super().on_action(task_state, user, action_name, **kwargs)
        from .notifications import notify_declined

        task_state.reject(user=user, update=False, **kwargs)
        task_state.workflow_state.cancel(user=user)
        notify_declined(task_state, user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, request changes or reject.")

    class Meta:
        verbose_name = _("editorial approval step")
        verbose_name_plural = _("editorial approval steps")
