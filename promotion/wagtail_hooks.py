from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name_vi", "name_en", "slug"]


register_snippet(DistrictViewSet)
