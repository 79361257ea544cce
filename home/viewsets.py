from wagtail.snippets.views.snippets import SnippetViewSet

from .models import localized_fieldnames


class NamedSnippetViewSet(SnippetViewSet):
    """Snippets with a translated name and a slug, found by the name in any language."""

    add_to_admin_menu = True
    list_display = ["name", "slug"]

    @property
    def search_fields(self):
        return [*localized_fieldnames("name"), "slug"]
