import datetime

import pytest

from tests.factories import make_article, make_section

# A page about the lake in every language; each text has a word the others do not.
LAKE = {
    "titles": {
        "vi": "Mùa thu trên hồ Ba Bể",
        "en": "Autumn on Ba Bể lake",
        "lo": "ລະດູໃບໄມ້ຫຼົ່ນທີ່ທະເລສາບບາເບ້",
        "km": "រដូវស្លឹកឈើជ្រុះនៅបឹងបាបេ",
    },
    "summaries": {
        "vi": "Thuyền độc mộc lướt trên mặt hồ.",
        "en": "Dugout canoes glide across the water.",
        "lo": "ເຮືອແຄນແລ່ນຂ້າມທະເລສາບບາເບ້.",
        "km": "ទូកអុំឆ្លងកាត់បឹងបាបេ។",
    },
    "slugs": {"vi": "mua-thu-ho-ba-be", "en": "autumn-ba-be", "lo": "la-du-bai-mai-lon", "km": "rodov-slekchheu"},
}
NEWS_SLUGS = {"vi": "tin-tuc", "en": "news", "lo": "khao", "km": "pordamean"}
OWN_WORD = {"vi": "thuyền", "en": "canoes", "lo": "ເຮືອ", "km": "ឆ្លងកាត់"}


@pytest.fixture
def news(site_tree):
    return make_section(
        site_tree.home,
        titles={"vi": "Tin tức", "en": "News", "lo": "ຂ່າວ", "km": "ព័ត៌មាន"},
        slugs=NEWS_SLUGS,
    )


@pytest.fixture
def lake(news):
    return make_article(news, LAKE["titles"], LAKE["slugs"], datetime.date(2021, 9, 20), summaries=LAKE["summaries"])
