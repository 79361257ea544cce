"""Editorial roles upload, choose and describe images and documents in their department's collection, over HTTP."""

import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.editorial import DEPARTMENT, SECTION_DEPARTMENT, SITE_ADMINISTRATORS, media_collection_name
from tests.conftest import LANGUAGES
from tests.home.editorial import client_for, make_user

OWN, OTHER = "editorial", "tourism"  # news belongs to the editorial office


def png(colour="#1f5f99", name="lake.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def collection(key):
    return Collection.objects.get(name=media_collection_name(DEPARTMENT[key]), depth=2)


def menu_names(client):
    """The names of the admin's main menu items, as the sidebar gets them."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return set(re.findall(r'"name": "([\w-]+)"', props.group(1)))


def upload_image(client, title, target=None, file=None):
    data = {"title": title, "file": file or png(), "description_vi": f"{title} (vi)", "description_en": title}
    if target is not None:
        data["collection"] = target.pk
    return client.post(reverse("wagtailimages:add"), data)


def chooser_titles(client):
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def make_image(title, key, uploader=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#2e6b3a").save(buffer, "PNG")
    image = get_image_model()(
        title=title,
        collection=collection(key),
        uploaded_by_user=uploader,
        credit="Sở VHTTDL",
        **{f"description_{code}": f"{title} ({code})" for code in LANGUAGES},
    )
    image.file = ImageFile(buffer, name="ba-be.png")
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.fixture
def users(db, django_user_model):
    def user(name, key=None, role=None):
        return make_user(django_user_model, name, key, role)

    return user


def test_every_department_has_its_collection(db):
    names = set(Collection.objects.filter(depth=2).values_list("name", flat=True))
    assert {media_collection_name(department) for department in DEPARTMENT.values()} <= names
    assert Collection.get_first_root_node().name == "Thư viện chung"  # not Wagtail's "Root"


def test_demo_images_are_in_their_departments_collections(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    found = {}
    for label, department in SECTION_DEPARTMENT.items():
        for section in apps.get_model(label).objects.all():
            for page in section.get_descendants(inclusive=True).specific():
                if getattr(page, "hero_image", None):
                    found.setdefault(department.key, set()).add(page.hero_image.collection.name)
    assert {"editorial", "tourism", "trade"} <= set(found)  # the demo's investment projects have no photo
    assert found == {key: {media_collection_name(DEPARTMENT[key])} for key in found}
    gallery = get_image_model().objects.filter(title__endswith=" 1 (ảnh minh hoạ)")
    assert gallery and {image.collection for image in gallery} == {collection(OTHER)}


def test_news_contributor_uploads_and_chooses_an_image_in_their_collection(users):
    client = client_for(users("contributor", OWN, "contributors"))
    assert "images" in menu_names(client) and "documents" in menu_names(client)
    assert client.get(reverse("wagtailimages:add")).status_code == 200

    response = upload_image(client, "Ba Be lake in autumn")
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get(title="Ba Be lake in autumn")
    assert image.collection == collection(OWN)
    assert "Ba Be lake in autumn" in chooser_titles(client)
    chosen = client.get(reverse("wagtailimages_chooser:chosen", args=[image.pk]))
    assert str(json.loads(chosen.content)["result"]["id"]) == str(image.pk)


def test_contributor_cannot_upload_into_another_departments_collection(users):
    client = client_for(users("contributor", OWN, "contributors"))
    upload_image(client, "Smuggled photo", target=collection(OTHER))
    assert not get_image_model().objects.filter(collection=collection(OTHER)).exists()
    upload_document = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Smuggled notes", "file": SimpleUploadedFile("notes.txt", b"x"), "collection": collection(OTHER).pk},
    )
    assert upload_document.status_code in (200, 302)
    assert not get_document_model().objects.filter(collection=collection(OTHER)).exists()


def test_contributor_uploads_a_document_in_their_collection(users):
    client = client_for(users("contributor", OWN, "contributors"))
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Press kit", "file": SimpleUploadedFile("press-kit.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.status_code == 302, response.context["form"].errors
    document = get_document_model().objects.get(title="Press kit")
    assert document.collection == collection(OWN)
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert "Press kit" in json.loads(chooser.content)["html"]


def test_wrong_file_types_are_refused(users):
    client = client_for(users("contributor", OWN, "contributors"))
    response = upload_image(client, "Not a picture", file=SimpleUploadedFile("notes.txt", b"plain text"))
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = upload_image(client, "Fake picture", file=SimpleUploadedFile("fake.png", b"plain text"))
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Program", "file": SimpleUploadedFile("setup.exe", b"MZ")}
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not get_image_model().objects.exists() and not get_document_model().objects.exists()


@pytest.mark.parametrize("role", ["reviewers", "approvers", "translators"])
def test_department_roles_see_its_images_in_the_chooser(users, role):
    make_image("Ba Be lake", OWN)
    client = client_for(users(role, OWN, role))
    assert "images" in menu_names(client)
    assert "Ba Be lake" in chooser_titles(client)


def test_unrelated_users_cannot_see_or_upload(users, django_user_model):
    make_image("Ba Be lake", OWN)
    other = client_for(users("tourism-contributor", OTHER, "contributors"))
    assert "Ba Be lake" not in chooser_titles(other)

    outsider = django_user_model.objects.create_user("outsider", "outsider@example.gov.vn", "password")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(outsider)
    assert "images" not in menu_names(client)
    assert client.get(reverse("wagtailimages:add")).status_code != 200
    upload_image(client, "Outsider photo")
    assert not get_image_model().objects.filter(title="Outsider photo").exists()


def test_site_administrators_manage_every_collection(users, django_user_model):
    admin = django_user_model.objects.create_user("site-admin", "site-admin@example.gov.vn", "password")
    admin.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    client = client_for(admin)
    assert {"images", "documents"} <= menu_names(client)
    response = upload_image(client, "Tourism poster", target=collection(OTHER))
    assert response.status_code == 302, response.context["form"].errors
    assert get_image_model().objects.get(title="Tourism poster").collection == collection(OTHER)
    assert client.get(reverse("wagtailadmin_collections:add")).status_code == 200


def image_form_data(image, **changes):
    """The image edit form as its editor posts it, with `changes`."""
    data = {
        "title": image.title,
        "credit": image.credit,
        "tags": "",
        **{f"description_{code}": getattr(image, f"description_{code}") for code in LANGUAGES},
        **{name: getattr(image, name) or "" for name in ("focal_point_x", "focal_point_y")},
        **{name: getattr(image, name) or "" for name in ("focal_point_width", "focal_point_height")},
    }
    data.update(changes)
    return data


def test_translator_edits_only_the_other_languages_descriptions(users):
    image = make_image("Ba Be lake", OWN)
    original_file = image.file.name
    client = client_for(users("translator", OWN, "translators"))
    url = reverse("wagtailimages:edit", args=[image.pk])
    html = client.get(url).content.decode()
    inputs = {name: tag for tag, name in re.findall(r'(<(?:input|textarea)[^>]*name="(\w+)"[^>]*>)', html)}
    assert " disabled" in inputs["description_vi"] and " disabled" in inputs["title"]
    assert " disabled" not in inputs["description_lo"]

    response = client.post(
        url,
        image_form_data(
            image,
            description_lo="ທະເລສາບບາເບ",
            description_vi="Đã sửa",
            title="Renamed",
            credit="Someone else",
            file=png("#9e1b1b", "other.png"),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()
    assert image.description_lo == "ທະເລສາບບາເບ"
    assert (image.description_vi, image.title, image.credit) == ("Ba Be lake (vi)", "Ba Be lake", "Sở VHTTDL")
    assert image.file.name == original_file


def test_translator_cannot_delete_tag_an_image_or_describe_another_departments(users):
    image = make_image("Ba Be lake", OWN)
    other = make_image("Na Ri market", OTHER)
    client = client_for(users("translator", OWN, "translators"))
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert get_image_model().objects.filter(pk=image.pk).exists()
    for action, data in (("delete", {}), ("add_tags", {"tags": "lake"})):
        url = reverse("wagtail_bulk_action", args=["home", "portalimage", action])
        client.post(f"{url}?id={image.pk}", data)
    assert get_image_model().objects.filter(pk=image.pk).exists() and not image.tags.exists()
    client.post(reverse("wagtailimages:edit", args=[other.pk]), image_form_data(other, description_lo="ຕະຫຼາດ"))
    other.refresh_from_db()
    assert other.description_lo == "Na Ri market (lo)"


def test_contributor_still_edits_every_field(users):
    image = make_image("Ba Be lake", OWN)
    client = client_for(users("contributor", OWN, "contributors"))
    response = client.post(
        reverse("wagtailimages:edit", args=[image.pk]), image_form_data(image, description_vi="Hồ Ba Bể", title="Hồ")
    )
    assert response.status_code == 302, response.context["form"].errors
    image.refresh_from_db()
    assert (image.description_vi, image.title) == ("Hồ Ba Bể", "Hồ")
