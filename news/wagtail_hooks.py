from wagtail.snippets.models import register_snippet

from home.viewsets import NamedSnippetViewSet

from .models import Topic


class TopicViewSet(NamedSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_order = 300


register_snippet(TopicViewSet)
