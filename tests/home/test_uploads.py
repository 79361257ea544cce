"""Uploads: images and documents are checked by what they hold, not by their name; SVG and web pages are
refused whatever they are called; sizes and document types come from the settings; every refusal
says why in Vietnamese, in the single and the multiple upload forms."""

import io
import json
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.portal.test_settings import run_python

SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b"<script>alert(document.cookie)</script></svg>")  # fmt: skip
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>"
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip

SVG_REFUSED = "Không nhận tệp SVG"
MARKUP_REFUSED = "Không nhận trang web (HTML)"


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1f5f99").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kế hoạch thông tin đối ngoại")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Đơn vị"
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def root_collection():
    return Collection.get_first_root_node().pk


def upload_document(client, name, content):
    data = {"title": name, "file": SimpleUploadedFile(name, content), "collection": root_collection()}
    return client.post(reverse("wagtaildocs:add"), data)


def upload_image(client, name, content):
    data = {"title": name, "file": SimpleUploadedFile(name, content), "description_vi": "Hồ Ba Bể",
            "collection": root_collection()}  # fmt: skip
    return client.post(reverse("wagtailimages:add"), data)


def errors(response):
    assert response.status_code == 200  # the form again, with its errors
    form = response.context["form"]
    return " ".join(str(error) for error in form.errors.get("file", [])) or str(form.errors)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ke-hoach.pdf", HTML, MARKUP_REFUSED),
        ("ban-do.svg", SVG, SVG_REFUSED),
        ("ban-do.pdf", SVG, SVG_REFUSED),
        ("ghi-chu.txt", SVG, SVG_REFUSED),
        ("ghi-chu.txt", HTML, MARKUP_REFUSED),
        ("trang.html", HTML, MARKUP_REFUSED),
        ("bao-cao.docx", zip_bytes(["[Content_Types].xml", "xl/workbook.xml"]), "Nội dung tệp không phải là DOCX"),
        ("bao-cao.docx", PDF, "Nội dung tệp không phải là DOCX"),
        ("bang.xlsx", docx_bytes(), "Nội dung tệp không phải là XLSX"),
        ("anh.pdf", png_bytes(), "Nội dung tệp không phải là PDF"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "Không nhận tệp .exe"),
    ],
)
def test_a_document_whose_content_is_not_what_its_name_says_is_refused_with_a_message(
    admin_client, name, content, message
):
    response = upload_document(admin_client, name, content)
    assert message in errors(response)
    assert len(response.context["form"].errors["file"]) == 1  # that reason only
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("ke-hoach.pdf", PDF), ("ke-hoach.docx", docx_bytes()), ("so-lieu.xlsx", xlsx_bytes()),
     ("so-lieu.csv", "Đơn vị;Tiến độ\nSở VHTTDL;100\n".encode()), ("tai-lieu.zip", zip_bytes(["a.txt"]))],
)  # fmt: skip
def test_real_documents_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, errors(response)
    assert get_document_model().objects.get().file.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("ho-ba-be.png", SVG, SVG_REFUSED), ("ho-ba-be.svg", SVG, SVG_REFUSED), ("ho-ba-be.png", HTML, MARKUP_REFUSED),
     ("ho-ba-be.png", PDF, "Hãy tải lên một hình ảnh hợp lệ")],
)  # fmt: skip
def test_an_image_that_is_not_one_is_refused_with_a_message(admin_client, name, content, message):
    assert message in errors(upload_image(admin_client, name, content))
    assert not get_image_model().objects.exists()


def test_a_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "ho-ba-be.png", png_bytes())
    assert response.status_code == 302, errors(response)
    assert get_image_model().objects.get().file.name.endswith(".png")


@pytest.mark.parametrize(
    ("url_name", "name", "content", "message"),
    [
        ("wagtailimages:add_multiple", "ho-ba-be.png", SVG, SVG_REFUSED),
        ("wagtaildocs:add_multiple", "ke-hoach.pdf", HTML, MARKUP_REFUSED),
        ("wagtaildocs:add_multiple", "bao-cao.docx", PDF, "Nội dung tệp không phải là DOCX"),
        ("wagtaildocs:add_multiple", "ban-do.svg", SVG, SVG_REFUSED),
    ],
)
def test_the_multiple_upload_refuses_the_same_files_with_the_same_message(
    admin_client, url_name, name, content, message
):
    data = {"files[]": SimpleUploadedFile(name, content), "collection": root_collection()}
    response = admin_client.post(reverse(url_name), data)
    result = json.loads(response.content)
    assert result["success"] is False and message in result["error_message"]


def test_the_multiple_upload_accepts_a_real_pdf(admin_client):
    data = {"files[]": SimpleUploadedFile("a.pdf", PDF), "collection": root_collection()}
    response = admin_client.post(reverse("wagtaildocs:add_multiple"), data)
    assert json.loads(response.content)["success"] is True


def test_a_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    assert "Tệp này quá lớn" in errors(upload_document(admin_client, "ke-hoach.pdf", PDF + b" " * 200))


def test_limits_and_document_types_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, "
        "','.join(settings.WAGTAILDOCS_EXTENSIONS))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="portal.settings.dev", IMAGE_MAX_UPLOAD_MB="2",
                        DOCUMENT_MAX_UPLOAD_MB="5", DOCUMENT_EXTENSIONS="pdf, docx")  # fmt: skip
    assert result.stdout.strip() == f"{2 * 1024 * 1024} {5 * 1024 * 1024} pdf,docx", result.stderr
