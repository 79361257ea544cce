"""Images: translators describe them in the other languages; the rest is for those who write the source."""

from wagtail.images import get_permission_policy
from wagtail.images.forms import BaseImageForm
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from .editorial import can_write_image_source
from .forms import translation_fieldnames
from .uploads import PortalImageField


class ImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's policy for images, but translators delete only the images they uploaded.

    They may change the others in their collection, to translate the descriptions: `PortalImageForm`
    keeps them to that.
    """

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "delete" in actions and not can_write_image_source(user, instance):
            actions = [action for action in actions if action != "delete"]
            if not actions:
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


def image_permission_policy():
    """The policy Wagtail would register for the image model, as an `ImagePermissionPolicy`."""
    wagtail_policy = get_permission_policy()
    return ImagePermissionPolicy(
        wagtail_policy.model,
        auth_model=wagtail_policy.auth_model,
        owner_field_name=wagtail_policy.owner_field_name,
    )


class PortalImageForm(BaseImageForm):
    """Wagtail's image form (`WAGTAILIMAGES_IMAGE_FORM_BASE`), with translators kept to the other languages,
    and SVG drawings and web pages refused by their content (`home.uploads`).

    A translator who did not upload an image may only translate its description (the alt text):
    the other fields are disabled, so what is posted for them is ignored.
    """

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = PortalImageField.replacing(self.fields["file"])
        self.translation_only = user is not None and not can_write_image_source(user, self.instance)
        if self.translation_only:
            allowed = translation_fieldnames(type(self.instance))
            for name, field in self.fields.items():
                if name not in allowed:
                    field.disabled = True
