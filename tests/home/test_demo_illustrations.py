"""The demo's drawn pictures: illustrations of what their descriptions say, the same at every run."""

import pytest

from home.demo_illustrations import draw, scene_for


@pytest.mark.parametrize(
    ("description", "scene"),
    [
        ("A tourist boat on Ba Bể lake among limestone mountains", "lake"),
        ("A boat about to enter the mouth of Puông cave", "cave"),
        ("White water pouring over the rock steps of Đầu Đẳng waterfall", "waterfall"),
        ("Ripe orange seedless persimmons on the branch", "orchard"),
        ("Shan tuyết tea buds covered in fine white down", "tea"),
        ("Skeins of canna vermicelli drying in the sun on bamboo racks", "vermicelli"),
        ("A village on the shore of Ba Bể lake in the morning mist", "village"),
        ("Wind turbines on the hills of Ngân Sơn", "wind"),
        ("A timber processing plant among plantation forest", "buildings"),
        ("Medicinal plants growing under the forest canopy", "forest"),
        ("Stilt-house bungalows on the shore of Ba Bể lake", "village"),
        ("Participants in a group discussion", "valley"),
    ],
)
def test_each_picture_shows_what_its_description_says(description, scene):
    assert scene_for(description) == scene


def test_pictures_are_the_same_at_every_run_and_differ_between_titles():
    first, again = draw("Hồ Ba Bể", (320, 180), "lake"), draw("Hồ Ba Bể", (320, 180), "lake")
    assert first.tobytes() == again.tobytes()
    assert draw("Hồ Ba Bể 2", (320, 180), "lake").tobytes() != first.tobytes()


@pytest.mark.parametrize("description", ["lake", "persimmons", "tea", "vermicelli", "", "cover"])
def test_pictures_are_illustrations_not_flat_shapes(description):
    picture = draw("Bắc Kạn", (320, 180), description)
    assert picture.size == (320, 180)
    assert len(picture.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 500  # gradients and shading


def test_a_portrait_picture_is_a_publication_cover():
    cover = draw("Cẩm nang du lịch", (119, 168))
    assert cover.size == (119, 168)
    assert cover.getpixel((60, 160)) == (11, 58, 110)  # the title band at the bottom
