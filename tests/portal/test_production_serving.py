"""What the production setup serves: uploaded images, a sitemap never staler than the pages, no
TRACE, and no server software named in the headers."""

import io
import os
import socket
import subprocess
import sys
import time

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.portal.test_settings import BASE_DIR, GOOD_KEY


@pytest.fixture
def media_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.DEBUG = False


def photo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), "#2e6b3a").save(buffer, "PNG")
    return ImageFile(buffer, name="ba-be.png")


def test_an_image_rendition_loads_as_readers_see_it(client, db, media_on_disk):
    image = get_image_model().objects.create(title="Ba Bể", file=photo())
    rendition = image.get_rendition("width-200")
    response = client.get(rendition.url)
    assert rendition.url.startswith("/media/") and response.status_code == 200
    assert response["Content-Type"] == "image/png" and "max-age=86400" in response["Cache-Control"]
    assert PILImage.open(io.BytesIO(b"".join(response.streaming_content))).size == (200, 150)


def test_media_are_not_served_when_another_server_serves_them(client, db, media_on_disk, settings):
    image = get_image_model().objects.create(title="Ba Bể", file=photo())
    settings.SERVE_MEDIA = False
    assert client.get(image.get_rendition("width-200").url).status_code == 404


def test_nothing_outside_media_root_is_served(client, db, media_on_disk):
    for path in ("/media/../portal/settings/base.py", "/media/%2e%2e/manage.py", "/media/%2e%2e%2fmanage.py"):
        response = client.get(path)
        assert response.status_code in (400, 404) and b"SECRET_KEY" not in response.content


def sitemap(client):
    return client.get("/sitemap.xml").content.decode()


def test_the_sitemap_drops_a_page_at_once_when_it_is_unpublished_or_made_private(client, site_tree):
    about = "/en/about/"
    assert about in sitemap(client)
    site_tree.about.unpublish()
    assert about not in sitemap(client)
    site_tree.about.save_revision().publish()
    assert about in sitemap(client)
    restriction = PageViewRestriction.objects.create(page=site_tree.about, restriction_type="password", password="x")
    assert about not in sitemap(client)
    restriction.delete()
    assert about in sitemap(client)
    site_tree.about.delete()
    assert about not in sitemap(client)


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT"])
def test_trace_and_its_kin_are_refused(client, db, method):
    response = client.generic(method, "/en/")
    assert response.status_code == 405 and "TRACE" not in response["Allow"]


def test_gunicorn_as_documented_names_no_server_software(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": GOOD_KEY,
                   "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "BIND": f"127.0.0.1:{port}",
                   "WEB_CONCURRENCY": "1", "SECURE_SSL_REDIRECT": "false",
                   "FORM_DATA_KEY": "sjdx8nrmyxQuEC0lHf--gWifIIDynfF8V10RZj_Bzt0="}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi"],
        cwd=BASE_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=60)  # the worker may boot slowly
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("gunicorn did not start")
        with connection:
            connection.sendall(b"TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            head = connection.recv(4096).decode("latin-1").split("\r\n\r\n")[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert head.startswith("HTTP/1.1 405"), server.stderr.read().decode()[-2000:]
    assert not [line for line in head.split("\r\n") if line.lower().startswith("server:")]
