"""Illustrations for the demo, which ships no photographs: flat, layered landscapes and products in
the manner of a tourism board's drawings, chosen after what the image's description says it shows.

Pillow only, and deterministic: the same title and size always give the same picture (the shapes'
variations come from a hash of the title), so `load_demo` stays reproducible.
"""

import hashlib
import math
import random

from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageOps

SCALE = 2  # drawn at twice the size, then reduced: smooth edges without anti-aliased primitives

# Times of day: sky top, sky at the horizon, sun, far mountains, near mountains, water.
PALETTES = {
    "morning": ("#8fc1e3", "#fbe3c4", "#fff1c9", "#9db8c9", "#2f5d50", "#3f7ea6"),
    "day": ("#5fa8d9", "#d9eef7", "#fff6d6", "#8fb3c4", "#2b6446", "#2f77a8"),
    "dawn": ("#f3a683", "#fde2c2", "#fff0d2", "#b49bb0", "#4c4f6e", "#6f7fa6"),
}

# What the description names, and the scene that shows it (first match wins).
SCENES = [
    (("wind",), "wind"),
    (("logistics", "hospital", "processing plant", "building"), "buildings"),
    (("cave",), "cave"),
    (("waterfall",), "waterfall"),
    (("persimmon", "tangerine", "orchard", "fruit"), "orchard"),
    (("tea",), "tea"),
    (("vermicelli", "noodle", "drying"), "vermicelli"),
    (("stream", "forest", "stele", "historic"), "forest"),
    (("village", "stilt", "house", "bungalow"), "village"),
    (("lake", "boat", "dawn", "mist"), "lake"),
    (("cover", "brochure", "guide"), "cover"),
]


def scene_for(description):
    text = (description or "").lower()
    return next((scene for words, scene in SCENES if any(word in text for word in words)), "valley")


def rgb(colour):
    return ImageColor.getrgb(colour) if isinstance(colour, str) else colour


def mix(a, b, t):
    """The colour t of the way from a to b."""
    return tuple(round(x + (y - x) * t) for x, y in zip(rgb(a), rgb(b), strict=True))


def gradient(size, top, bottom):
    """A vertical gradient from `top` to `bottom`."""
    ramp = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(ramp, rgb(top), rgb(bottom))


def ridge(rng, width, base, height, karst=False):
    """The outline of a mountain range: (x, y) points across the width, peaks up to `height` above `base`.

    Karst (the province's limestone) rises in towers with steep sides and rounded tops; other hills roll."""
    steps = 160
    if karst:
        towers = []
        x = -0.05
        while x < 1.05:
            towers.append((x, rng.uniform(0.035, 0.09), rng.uniform(0.35, 1)))
            x += rng.uniform(0.04, 0.11)
        values = []
        for step in range(steps + 1):
            u = step / steps
            value = 0.12
            for centre, half, top in towers:
                d = abs(u - centre) / half
                if d < 1:
                    value = max(value, top * (1 - d**4) ** 0.5)
            values.append(value)
    else:
        waves = [(rng.uniform(0.5, 2.2), rng.uniform(0, math.tau), rng.uniform(0.3, 1)) for _ in range(3)]
        total = sum(amp for *_rest, amp in waves)
        values = [
            0.15 + 0.85 * (sum(a * math.sin(f * math.tau * step / steps + p) for f, p, a in waves) / total + 1) / 2
            for step in range(steps + 1)
        ]
    return [(width * step / steps, base - height * value) for step, value in enumerate(values)]


def mountains(draw, rng, size, horizon, far, near, layers=3, karst=True):
    width, height = size
    for layer in range(layers):
        t = layer / max(1, layers - 1)
        colour = mix(far, near, t)
        top = height * (0.22 + 0.12 * t)
        outline = ridge(rng, width, horizon, horizon - top, karst=karst)
        draw.polygon([*outline, (width, height), (0, height)], fill=colour)


def sun(canvas, centre, radius, colour):
    glow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(glow).ellipse(
        (centre[0] - radius * 2.2, centre[1] - radius * 2.2, centre[0] + radius * 2.2, centre[1] + radius * 2.2), 90
    )
    glow = glow.filter(ImageFilter.GaussianBlur(radius))
    canvas.paste(Image.new("RGB", canvas.size, rgb(colour)), mask=glow)
    ImageDraw.Draw(canvas).ellipse(
        (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius), fill=colour
    )


def mist(canvas, rng, y, thickness, strength=150):
    band = Image.new("L", canvas.size, 0)
    draw = ImageDraw.Draw(band)
    width = canvas.size[0]
    for _ in range(6):
        x = rng.uniform(-0.2, 0.9) * width
        draw.ellipse((x, y - thickness / 2, x + width * rng.uniform(0.3, 0.6), y + thickness / 2), strength)
    band = band.filter(ImageFilter.GaussianBlur(thickness / 2))
    canvas.paste(Image.new("RGB", canvas.size, (255, 255, 255)), mask=band)


def water(canvas, horizon, colour, sky_colour):
    """The lake below the horizon: the landscape's reflection, tinted, with light ripples."""
    width, height = canvas.size
    depth = height - horizon
    above = canvas.crop((0, max(0, horizon - depth), width, horizon)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    above = above.resize((width, depth)).filter(ImageFilter.GaussianBlur(3 * SCALE))
    tint = gradient((width, depth), mix(colour, sky_colour, 0.25), colour)
    lake = Image.blend(above, tint, 0.55)
    draw = ImageDraw.Draw(lake)
    rng = random.Random(depth)
    for _ in range(int(width / 18)):
        y = rng.uniform(0.05, 1) * depth
        x = rng.uniform(0, width)
        length = rng.uniform(0.02, 0.09) * width
        draw.line((x, y, x + length, y), fill=mix(colour, "#ffffff", 0.45), width=max(1, SCALE))
    canvas.paste(lake, (0, horizon))


def boat(draw, x, y, length, colour="#3b2a1e"):
    h = length * 0.12
    draw.polygon([(x, y), (x + length, y), (x + length * 0.88, y + h), (x + length * 0.1, y + h)], fill=colour)
    draw.rectangle((x + length * 0.35, y - h * 1.4, x + length * 0.62, y), fill="#c0392b")
    draw.line((x + length * 0.5, y - h * 1.4, x + length * 0.5, y - h * 2.6), fill=colour, width=max(1, SCALE * 2))


def trees(draw, rng, size, base, count, colours, scale=1.0):
    width = size[0]
    for _ in range(count):
        x = rng.uniform(-0.05, 1.05) * width
        h = rng.uniform(0.08, 0.16) * size[1] * scale
        w = h * rng.uniform(0.45, 0.7)
        y = base + rng.uniform(0, 0.08) * size[1]
        colour = rng.choice(colours)
        if rng.random() < 0.5:
            draw.polygon([(x, y - h), (x + w / 2, y), (x - w / 2, y)], fill=colour)
        else:
            draw.ellipse((x - w / 2, y - h, x + w / 2, y - h * 0.2), fill=colour)
            draw.line((x, y - h * 0.3, x, y), fill="#4a3525", width=max(1, SCALE * 2))


def stilt_house(draw, x, y, w):
    h = w * 0.45
    post = max(2, int(w * 0.04))
    for px in (x + w * 0.08, x + w * 0.5, x + w * 0.92):
        draw.line((px, y, px, y + h * 0.55), fill="#5b3b22", width=post)
    draw.rectangle((x, y - h * 0.55, x + w, y), fill="#a8743f")
    draw.polygon(
        [(x - w * 0.12, y - h * 0.5), (x + w * 0.5, y - h * 1.45), (x + w * 1.12, y - h * 0.5)], fill="#6b4a2b"
    )
    draw.rectangle((x + w * 0.4, y - h * 0.42, x + w * 0.6, y - h * 0.1), fill="#3a2716")


def landscape(size, rng, palette, horizon_at=0.62, karst=True):
    sky_top, sky_low, sun_colour, far, near, water_colour = palette
    width, height = size
    canvas = gradient(size, sky_top, sky_low)
    horizon = int(height * horizon_at)
    sun(canvas, (width * rng.uniform(0.15, 0.85), height * rng.uniform(0.16, 0.3)), width * 0.045, sun_colour)
    draw = ImageDraw.Draw(canvas)
    mountains(draw, rng, (width, height), horizon, mix(far, sky_low, 0.3), near, layers=4, karst=karst)
    return canvas, draw, horizon


def scene_lake(size, rng, palette):
    canvas, draw, horizon = landscape(size, rng, palette)
    mist(canvas, rng, horizon - size[1] * 0.06, size[1] * 0.05, 120)
    water(canvas, horizon, palette[5], palette[1])
    draw = ImageDraw.Draw(canvas)
    boat(draw, size[0] * rng.uniform(0.25, 0.6), horizon + size[1] * 0.2, size[0] * 0.12)
    return canvas


def scene_village(size, rng, palette):
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.6)
    mist(canvas, rng, horizon - size[1] * 0.1, size[1] * 0.08, 170)
    water(canvas, horizon, palette[5], palette[1])
    draw = ImageDraw.Draw(canvas)
    for number in range(3):
        stilt_house(draw, size[0] * (0.08 + 0.16 * number), horizon - size[1] * 0.01, size[0] * 0.11)
    trees(draw, rng, size, horizon - size[1] * 0.05, 10, ["#2e5e3e", "#3d7a4a"], 0.8)
    return canvas


def scene_valley(size, rng, palette):
    """Mountains over terraced fields: the province's default picture."""
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.58)
    width, height = size
    for row in range(9):
        top = horizon + (height - horizon) * row / 9
        colour = mix("#c9d46a", "#4f8a3a", row / 8)
        wave = [(x, top + math.sin(x / width * math.tau * 1.5 + row) * height * 0.015) for x in range(0, width + 1, 20)]
        draw.polygon([*wave, (width, height), (0, height)], fill=colour)
        draw.line(wave, fill=mix(colour, "#ffffff", 0.35), width=max(1, SCALE * 2))
    trees(draw, rng, size, horizon - height * 0.02, 12, ["#2e5e3e", "#386b45"], 0.7)
    return canvas


def scene_forest(size, rng, palette):
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.55, karst=False)
    width, height = size
    draw.rectangle((0, horizon, width, height), fill="#3f7a45")
    stream = [(width * (0.45 + 0.25 * math.sin(t * 3)) + (t - 0.5) * width * 0.3, horizon + (height - horizon) * t)
              for t in [i / 30 for i in range(31)]]  # fmt: skip
    for offset, colour in ((0.09, "#9fd0e8"), (0.05, "#5ea7cf")):
        left = [(x - width * offset * (0.3 + y / height), y) for x, y in stream]
        right = [(x + width * offset * (0.3 + y / height), y) for x, y in reversed(stream)]
        draw.polygon(left + right, fill=colour)
    trees(draw, rng, size, horizon - height * 0.03, 18, ["#1f4d30", "#2f6b3d", "#3e7f45"], 1.1)
    trees(draw, rng, size, height * 0.8, 8, ["#173d26", "#245532"], 1.8)
    return canvas


def scene_waterfall(size, rng, palette):
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.5, karst=False)
    width, height = size
    left, right = width * 0.38, width * 0.62
    draw.polygon([(0, height * 0.3), (left, height * 0.28), (left, height), (0, height)], fill="#5c6b5a")
    draw.polygon([(right, height * 0.3), (width, height * 0.26), (width, height), (right, height)], fill="#52614f")
    for step in range(4):
        y = height * (0.3 + 0.14 * step)
        draw.rectangle((left, y, right, y + height * 0.16), fill=mix("#dff3fb", "#ffffff", step / 4))
        for _ in range(25):
            x = rng.uniform(left, right)
            draw.line((x, y, x, y + height * 0.14), fill="#a8d8ee", width=max(1, SCALE))
    draw.rectangle((0, height * 0.86, width, height), fill=palette[5])
    mist(canvas, rng, height * 0.85, height * 0.08, 200)
    draw = ImageDraw.Draw(canvas)
    trees(draw, rng, size, height * 0.3, 14, ["#2a5a36", "#3a7444"], 0.9)
    return canvas


def scene_cave(size, rng, palette):
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.66)
    width, height = size
    cliff = [(0.15, horizon / height), (0.2, 0.2), (0.5, 0.12), (0.85, 0.22), (0.9, horizon / height)]
    cliff = [(x * width, y * height) for x, y in cliff]
    draw.polygon(cliff, fill="#6d7466")
    draw.ellipse((width * 0.33, horizon - height * 0.34, width * 0.67, horizon + height * 0.3), fill="#1c1f1d")
    draw.rectangle((width * 0.3, horizon, width * 0.7, horizon + height * 0.3), fill="#1c1f1d")
    trees(draw, rng, size, height * 0.22, 10, ["#2f6b3d", "#3e7f45"], 0.6)
    water(canvas, horizon, palette[5], palette[1])
    draw = ImageDraw.Draw(canvas)
    boat(draw, width * 0.42, horizon + height * 0.14, width * 0.14)
    return canvas


def scene_wind(size, rng, palette):
    """Wind turbines along rolling hills."""
    canvas, draw, horizon = landscape(size, rng, PALETTES["day"], horizon_at=0.72, karst=False)
    width, height = size
    hills = ridge(rng, width, height, height * 0.45)
    draw.polygon([*hills, (width, height), (0, height)], fill="#5f9a4a")
    for number in range(5):
        x = width * (0.12 + 0.19 * number + rng.uniform(-0.03, 0.03))
        base = min(y for hx, y in hills if abs(hx - x) < width / 80) + height * 0.01
        tower = height * (0.32 - 0.03 * (number % 2))
        top = (x, base - tower)
        draw.polygon([(x - width * 0.006, base), (x + width * 0.006, base), (x + width * 0.002, top[1]),
                      (x - width * 0.002, top[1])], fill="#f4f6f8")  # fmt: skip
        turn = rng.uniform(0, math.tau / 3)
        for blade in range(3):
            angle = turn + blade * math.tau / 3
            tip = (top[0] + math.cos(angle) * tower * 0.42, top[1] + math.sin(angle) * tower * 0.42)
            side = (math.cos(angle + 1.5) * width * 0.006, math.sin(angle + 1.5) * width * 0.006)
            draw.polygon(
                [(top[0] + side[0], top[1] + side[1]), tip, (top[0] - side[0], top[1] - side[1])], fill="#ffffff"
            )
        draw.ellipse(
            (x - width * 0.006, top[1] - width * 0.006, x + width * 0.006, top[1] + width * 0.006), fill="#d5dbe1"
        )
    trees(draw, rng, size, height * 0.86, 10, ["#2f6b3d", "#3e7f45"], 0.8)
    return canvas


def scene_buildings(size, rng, palette):
    """Low modern buildings (a logistics centre, a plant, a hospital) in a green valley."""
    canvas, draw, horizon = landscape(size, rng, palette, horizon_at=0.62)
    width, height = size
    draw.rectangle((0, horizon, width, height), fill="#6ea04f")
    draw.polygon([(0, height * 0.92), (width, height * 0.8), (width, height * 0.86), (0, height)], fill="#8c8f93")
    x = width * 0.1
    while x < width * 0.85:
        w, h = width * rng.uniform(0.14, 0.24), height * rng.uniform(0.14, 0.26)
        base = horizon + height * 0.06
        draw.rectangle((x, base - h, x + w, base), fill=rng.choice(["#eef1f4", "#dfe6ec", "#f3ede2"]))
        draw.rectangle((x, base - h, x + w, base - h + height * 0.02), fill="#0b3a6e")
        for row in range(int(h / (height * 0.05))):
            for column in range(int(w / (width * 0.03))):
                wx, wy = x + width * (0.012 + 0.03 * column), base - h + height * (0.04 + 0.05 * row)
                if wx + width * 0.018 < x + w and wy + height * 0.025 < base:
                    draw.rectangle((wx, wy, wx + width * 0.018, wy + height * 0.025), fill="#7fa7c9")
        x += w + width * rng.uniform(0.03, 0.06)
    trees(draw, rng, size, horizon + height * 0.08, 9, ["#2f6b3d", "#3e7f45"], 0.7)
    return canvas


def leaf(draw, x, y, length, angle, colour):
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    w = length * 0.28
    middle = (x + dx * length * 0.5, y + dy * length * 0.5)
    points = [(x, y), (middle[0] + nx * w, middle[1] + ny * w), (x + dx * length, y + dy * length)]
    points.append((middle[0] - nx * w, middle[1] - ny * w))
    draw.polygon(points, fill=colour)
    draw.line((x, y, x + dx * length, y + dy * length), fill=mix(colour, "#ffffff", 0.3), width=max(1, SCALE))


def scene_orchard(size, rng, palette):
    """A branch of ripe fruit before soft hills."""
    width, height = size
    canvas = gradient(size, "#fbe7c6", "#f4c98f")
    draw = ImageDraw.Draw(canvas)
    mountains(draw, rng, size, int(height * 0.8), "#e3c9a0", "#b7b978", layers=2, karst=False)
    branch = [
        (-width * 0.05, height * 0.28),
        (width * 0.3, height * 0.36),
        (width * 0.6, height * 0.3),
        (width * 1.05, height * 0.42),
    ]
    draw.line(branch, fill="#5a3a22", width=int(height * 0.025), joint="curve")
    for number in range(14):
        x = width * (0.04 + 0.07 * number)
        leaf(
            draw,
            x,
            height * (0.3 + 0.06 * math.sin(number)),
            height * 0.2,
            rng.uniform(0.6, 2.4),
            rng.choice(["#2f6b3d", "#3f8a4a"]),
        )
    for number in range(6):
        x, y, r = width * (0.12 + 0.15 * number), height * rng.uniform(0.5, 0.62), height * rng.uniform(0.09, 0.12)
        draw.line((x, height * 0.33, x, y - r), fill="#5a3a22", width=max(2, SCALE * 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill="#e8742a")
        draw.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.1, y - r * 0.2), fill="#f7a65c")
        draw.polygon(
            [(x - r * 0.4, y - r * 0.9), (x, y - r * 1.15), (x + r * 0.4, y - r * 0.9), (x, y - r * 0.7)],
            fill="#3d6b2f",
        )
    return canvas


def scene_tea(size, rng, palette):
    """Rows of tea on the hills, and a tea shoot (two leaves and a bud) in front."""
    canvas, draw, horizon = landscape(size, rng, PALETTES["morning"], horizon_at=0.45, karst=False)
    width, height = size
    draw.rectangle((0, horizon, width, height), fill="#6f9f4c")
    for row in range(12):
        y = horizon + (height - horizon) * (row / 12) ** 1.3
        thickness = (height - horizon) / 12 * (0.4 + row / 12)
        draw.ellipse((-width * 0.1, y, width * 1.1, y + thickness * 2), outline="#3f7434", width=int(thickness * 0.6))
    x, y = width * 0.75, height * 0.95
    draw.line((x, y, x, height * 0.45), fill="#4d6b2f", width=int(width * 0.01))
    leaf(draw, x, height * 0.7, height * 0.3, -2.5, "#3f8a3a")
    leaf(draw, x, height * 0.6, height * 0.28, -0.6, "#4c9a43")
    leaf(draw, x, height * 0.47, height * 0.18, -1.57, "#d7e8c8")  # the downy bud
    return canvas


def scene_vermicelli(size, rng, palette):
    """Skeins of canna vermicelli drying on bamboo racks in the sun."""
    canvas, draw, horizon = landscape(size, rng, PALETTES["day"], horizon_at=0.5, karst=False)
    width, height = size
    draw.rectangle((0, horizon, width, height), fill="#c9b07a")
    for rack in range(3):
        top = height * (0.32 + 0.12 * rack)
        scale = 0.8 + 0.25 * rack
        draw.line((0, top, width, top + height * 0.03), fill="#8a6a3a", width=int(height * 0.012 * scale))
        for number in range(int(18 / scale)):
            x = width * (0.02 + number * 0.055 * scale)
            for strand in range(7):
                sx = x + strand * width * 0.003 * scale
                draw.line(
                    (sx, top, sx + width * 0.004, top + height * 0.22 * scale), fill="#d7d0c2", width=max(1, SCALE)
                )
        for post in (0.05, 0.5, 0.95):
            draw.line(
                (width * post, top, width * post, top + height * 0.3 * scale), fill="#6e5230", width=int(height * 0.012)
            )
    return canvas


def scene_cover(size, rng, palette):
    """A publication's cover: a landscape in the upper part, a plain band for the title below."""
    width, height = size
    picture = scene_lake((width, int(height * 0.62)), rng, palette)
    canvas = Image.new("RGB", size, "#0b3a6e")
    canvas.paste(picture, (0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, height * 0.62, width, height * 0.64), fill="#9e1b1b")
    for line in range(3):
        y = height * (0.72 + 0.06 * line)
        draw.rounded_rectangle(
            (width * 0.1, y, width * (0.9 - 0.2 * line), y + height * 0.025), radius=6, fill="#d9e2ec"
        )
    return canvas


def draw(title, size, description=""):
    """The illustration for an image called `title` whose description says what it shows."""
    digest = hashlib.sha256(title.encode()).digest()
    rng = random.Random(digest)
    palette = PALETTES[sorted(PALETTES)[digest[0] % len(PALETTES)]]
    if "dawn" in (description or "").lower():
        palette = PALETTES["dawn"]
    if "mist" in (description or "").lower() or "morning" in (description or "").lower():
        palette = PALETTES["morning"]
    scene = scene_for(description) if size[1] <= size[0] * 1.2 else "cover"
    big = (size[0] * SCALE, size[1] * SCALE)
    picture = SCENE_DRAWINGS[scene](big, rng, palette)
    return picture.resize(size, Image.Resampling.LANCZOS)


SCENE_DRAWINGS = {
    "wind": scene_wind,
    "buildings": scene_buildings,
    "cave": scene_cave,
    "waterfall": scene_waterfall,
    "orchard": scene_orchard,
    "tea": scene_tea,
    "vermicelli": scene_vermicelli,
    "forest": scene_forest,
    "village": scene_village,
    "lake": scene_lake,
    "cover": scene_cover,
    "valley": scene_valley,
}
