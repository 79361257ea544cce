from wagtail.snippets.models import register_snippet

from home.viewsets import NamedSnippetViewSet

from .models import District


class DistrictViewSet(NamedSnippetViewSet):
    model = District
    icon = "site"
    menu_order = 310


register_snippet(DistrictViewSet)
