from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .edit_conflicts import ConflictCheckedModelForm
from .models import localized_fieldnames
from .query_params import BoundedSearchMixin


class NamedSnippetIndexView(BoundedSearchMixin, IndexView):
    pass


class NamedSnippetViewSet(SnippetViewSet):
    """Snippets with a translated name and a slug, found by the name in any language."""

    add_to_admin_menu = True
    list_display = ["name", "slug"]
    index_view_class = NamedSnippetIndexView

    @property
    def search_fields(self):
        return [*localized_fieldnames("name"), "slug"]

    def get_edit_handler(self):
        """The model's panels, in a form that refuses to save over a version saved after it was loaded."""
        return ObjectList(self.model.panels, base_form_class=ConflictCheckedModelForm).bind_to_model(self.model)
