from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from tests.factories import make_home, make_standard_page
from tests.press.forms import press_form  # noqa: F401  (a fixture for every test)
from tests.servers import collected_static, redis_server, refused_port, silent_server  # noqa: F401  (fixtures)
from tests.skips import summary

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def site_tree(db):
    """A home page and two standard pages: `about` in every language, `plan` in vi and en only."""
    home = make_home()
    about = make_standard_page(
        home,
        titles={"vi": "Giới thiệu", "en": "About", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"},
        slugs={"vi": "gioi-thieu", "en": "about", "lo": "kiaw-kap", "km": "ompi"},
        bodies={
            "vi": "Bắc Kạn là tỉnh miền núi.",
            "en": "Bắc Kạn is a mountainous province.",
            "lo": "ບັກກັນ ແມ່ນແຂວງພູດອຍ.",
            "km": "បាក់កាន គឺជាខេត្តភ្នំ។",
        },
    )
    plan = make_standard_page(
        home,
        titles={"vi": "Kế hoạch", "en": "The plan"},
        slugs={"vi": "ke-hoach", "en": "plan"},
        bodies={"vi": "Nội dung kế hoạch.", "en": "What the plan says."},
    )
    return type("SiteTree", (), {"home": home, "about": about, "plan": plan})


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo (what load_demo printed), loaded once for the module, as it takes long, inside a
    transaction rolled back at the end; each test runs in a savepoint of it, as Django's
    TestCase.setUpTestData does."""
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=tmp_path_factory.mktemp("var")),
        translation.override(settings.LANGUAGE_CODE),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def default_site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request leaves its own active, and objects made
    with a translated field's plain name (`title=`) take the active language's column."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached responses (the sitemap) must not carry over from one test's database to the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After pytest's own summary: one line naming what to install for the tests skipped for lack of it."""
    yield
    line = summary(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True)
