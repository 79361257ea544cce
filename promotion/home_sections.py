"""The events, investment opportunities and destinations of the home page (see home.home_sections)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.home_sections import HomeSection


class EventSection(HomeSection):
    def upcoming_q(self):
        return Q(end__gte=timezone.now())


SECTIONS = [
    EventSection(
        key="events",
        model="promotion.EventPage",
        heading=_("Upcoming events"),
        recent_heading=_("Recent events"),
        index_label=_("All events"),
        order=20,
        card_template="promotion/includes/home_event_meta.html",
    ),
    HomeSection(
        key="investment",
        model="promotion.InvestmentProjectPage",
        heading=_("Investment opportunities"),
        index_label=_("All investment opportunities"),
        order=30,
        card_template="promotion/includes/home_project_facts.html",
    ),
    HomeSection(
        key="destinations",
        model="promotion.DestinationPage",
        heading=_("Places to visit"),
        index_label=_("All destinations"),
        order=40,
    ),
]
