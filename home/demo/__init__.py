"""The home app's part of the demo: content.json (read by load_demo), the home page's sections
(home_page.json, loaded once every app's pages exist), the portal's emblem and the demo users (users.py)."""

import json
import uuid
from pathlib import Path

from PIL import Image, ImageDraw

from home.demo_loading import assign
from home.models import HomePage, language_codes

HOME_PAGE_FILE = Path(__file__).resolve().parent / "home_page.json"


def block(kind, key, value):
    """A block in StreamField's stored form, with an id that stays the same from run to run."""
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo:home:{key}"))}


def load_home_page(pages, log):
    """The home page's heading, entry points (each to the first of its pages the demo has) and key figures."""
    content = json.loads(HOME_PAGE_FILE.read_text(encoding="utf-8"))
    home = HomePage.objects.get(pk=pages["home"].pk)
    changed = assign(home, "heading", content["heading"])
    for code in language_codes():
        points = [
            block(
                "entry_point",
                f"entry-point:{code}:{number}",
                {
                    "title": point["title"][code],
                    "text": point["text"][code],
                    "page": next(pages[key] for key in point["page"] if key in pages).pk,
                },
            )
            for number, point in enumerate(content["entry_points"])
        ]
        changed |= assign(home, f"entry_points_{code}", points)
    figures = [
        block("figure", f"figure:{number}", {**figure, "is_sample": True})
        for number, figure in enumerate(content["key_figures"])
    ]
    changed |= assign(home, "key_figures", figures)
    if changed:
        home.save_revision().publish()
        log(f"Updated page {home.title!r}")


def draw_emblem(title, size, description=""):
    """A neutral emblem (the demo's stand-in for the province's): a star over mountains and a lake in a ring,
    as home/static/home/emblem.svg, the browser icon when the settings name none."""
    scale = 4  # drawn large, then reduced, for smooth edges
    width, height = size[0] * scale, size[1] * scale
    canvas = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)

    def at(x, y):
        return (x / 64 * width, y / 64 * height)

    draw.ellipse([at(1, 1), at(63, 63)], fill="#0b3a6e")
    draw.ellipse([at(5, 5), at(59, 59)], outline="#f2c94c", width=2 * scale * size[0] // 64)
    star = [(32, 11.5), (34.6, 16.8), (40.4, 17.6), (36.2, 21.7), (37.2, 27.5), (32, 24.8)]
    star += [(26.8, 27.5), (27.8, 21.7), (23.6, 17.6), (29.4, 16.8)]
    draw.polygon([at(x, y) for x, y in star], fill="#f2c94c")
    draw.polygon(
        [at(x, y) for x, y in [(10, 44), (20, 31), (26, 38), (34, 26), (44, 39), (48, 34), (54, 44)]], fill="#ffffff"
    )
    for left, right, y in ((12, 52, 48), (16, 48, 52)):
        draw.line([at(left, y), at(right, y)], fill="#8fb8e8", width=int(2.5 * scale * size[0] / 64))
    return canvas.resize(size, Image.LANCZOS)
