"""What the production setup serves: uploaded images, a sitemap never staler than the pages, no
TRACE, no server software named in the headers, and the forms' limit counted across workers."""

import io
import re
import socket
from urllib.parse import urlencode

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.browser.tools import leave_migrated_data, live_server_db  # noqa: F401  (a fixture)
from tests.press.forms import VALID
from tests.servers import database_url, gunicorn, needs_redis_server


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


def answer(connection):
    """The status, head and body of the response on `connection` (gunicorn closes it after each one)."""
    response = b""
    while chunk := connection.recv(65536):
        response += chunk
    head, _blank, body = response.decode(errors="replace").partition("\r\n\r\n")
    return int(head.split()[1]), head, body


def exchange(port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:  # a worker may boot slowly
        connection.sendall(request)
        return answer(connection)


def test_gunicorn_as_documented_names_no_server_software(tmp_path):
    with gunicorn(tmp_path) as server:
        status, head, _body = exchange(server.port, b"TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert status == 405, server.errors()
    assert not [line for line in head.split("\r\n") if line.lower().startswith("server:")]


@needs_redis_server
@live_server_db  # the workers read the form page from the database
@pytest.mark.usefixtures("leave_migrated_data")
def test_the_forms_limit_holds_across_two_workers(press_form, redis_server, collected_static, tmp_path):
    """Two gunicorn workers sharing Redis count one reader's forms together. One worker is held busy
    with a form whose sending is not finished, so the other serves the limit's five; the sixth form,
    finished then on the held worker, is refused (counting per worker, that worker had seen none)."""
    form = "/en/press-registration/"
    with gunicorn(
        tmp_path, workers=2, DATABASE_URL=database_url(tmp_path), REDIS_URL=redis_server.url(),
        FORM_SUBMISSIONS_PER_HOUR="5", STATIC_ROOT=str(collected_static),
    ) as server:  # fmt: skip
        _status, head, page = exchange(server.port, f"GET {form} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        cookie = re.search(r"csrftoken=([^;]+)", head)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urlencode({**VALID, "csrfmiddlewaretoken": token}).encode()
        post = (f"POST {form} HTTP/1.1\r\nHost: localhost\r\nCookie: csrftoken={cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n").encode()  # fmt: skip
        with socket.create_connection(("127.0.0.1", server.port), timeout=60) as held:
            held.sendall(post)  # the headers go on: the worker that accepted this connection waits for them
            five = [exchange(server.port, post + b"\r\n" + body)[0] for _ in range(5)]
            held.sendall(b"\r\n" + body)
            sixth = answer(held)[0]
    posts = [(pid, int(status)) for pid, method, _path, status in server.requests() if method == "POST"]
    assert five == [200] * 5 and sixth == 429, server.errors()
    assert posts == [(posts[0][0], 200)] * 5 + [(posts[-1][0], 429)] and posts[0][0] != posts[-1][0]
