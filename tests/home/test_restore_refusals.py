"""A restore changes nothing, and says why, when its archive is corrupt, truncated, damaged or made by a
newer version, or when the site has content and --force is not given (home/backup.py). With --force, the
site's database and storage become the archive's, with nothing left over."""

import hashlib
import io
import json
import tarfile
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.backup import storage_files


@pytest.fixture
def archive(site_tree, tmp_path):
    path = tmp_path / "site.tar.gz"
    call_command("backup", output=str(path), stdout=StringIO(), stderr=StringIO())
    return path


def pages():
    return sorted(Page.objects.values_list("pk", "depth", "title_vi", "title_en"))


def rewritten(archive, path, keep=lambda name: True, change=lambda name, data: data):
    """A copy of the archive, a well-formed .tar.gz, with members left out or changed."""
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as target:
        for member in source:
            if not keep(member.name):
                continue
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return path


def restore_fails(path, force=True):
    before = pages()
    with pytest.raises(CommandError) as failure:
        call_command("restore", str(path), force=force, stdout=StringIO())
    assert pages() == before
    message = str(failure.value)
    assert "Nothing was changed." in message
    return message


def test_the_archive_restores_into_the_site_with_force(archive):
    """The archives below are broken copies of one that works."""
    before = pages()
    call_command("restore", str(archive), force=True, stdout=StringIO())
    assert pages() == before


@pytest.mark.parametrize(
    "kept", [lambda size: 1000, lambda size: size // 2, lambda size: size - 8], ids=["start", "half", "all but the end"]
)
def test_a_truncated_archive_is_refused(archive, tmp_path, kept):
    data = archive.read_bytes()
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(data[: kept(len(data))])
    assert "is not a complete backup archive (it is corrupt or truncated)" in restore_fails(path)


def test_a_corrupt_archive_is_refused(archive, tmp_path):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "corrupt.tar.gz"
    path.write_bytes(bytes(data))
    assert "corrupt or truncated" in restore_fails(path)


def test_a_file_that_is_not_an_archive_is_refused(db, tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not an archive")
    assert "not a complete backup archive" in restore_fails(path)


def test_a_file_that_differs_from_its_checksum_is_refused(archive, tmp_path):
    def change(name, data):
        return data.replace(b'"gioi-thieu"', b'"gioi-thieX"') if name == "data/wagtailcore.page.jsonl" else data

    path = rewritten(archive, tmp_path / "changed.tar.gz", change=change)
    message = restore_fails(path)
    assert "differ from their checksum" in message and "data/wagtailcore.page.jsonl" in message


def test_an_archive_missing_a_file_is_refused(archive, tmp_path):
    path = rewritten(archive, tmp_path / "short.tar.gz", keep=lambda name: name != "data/wagtailcore.revision.jsonl")
    assert "data/wagtailcore.revision.jsonl" in restore_fails(path)


def test_an_archive_without_manifest_is_refused(archive, tmp_path):
    path = rewritten(archive, tmp_path / "bare.tar.gz", keep=lambda name: name != "manifest.json")
    assert "has no manifest.json" in restore_fails(path)


def test_an_archive_of_a_newer_version_is_refused(archive, tmp_path):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["home"].append("9999_from_a_later_version")
        return json.dumps(manifest).encode()

    path = rewritten(archive, tmp_path / "newer.tar.gz", change=change)
    message = restore_fails(path)
    assert "newer version of the portal" in message and "home.9999_from_a_later_version" in message


def test_a_site_with_content_is_not_replaced_without_force(archive):
    message = restore_fails(archive, force=False)
    assert "already has content" in message and "pages" in message and "--force" in message


def png(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer


def stored_files():
    """Every file of the storage with its SHA-256."""
    found = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as file:
            found[name] = hashlib.sha256(file.read()).hexdigest()
    return found


def test_a_forced_restore_leaves_the_storage_holding_the_archives_files_only(site_tree, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"]}}  # a new, empty storage
    image = get_image_model()(title="Hồ Ba Bể", file=ImageFile(png("#2e6b3a"), name="ba-be.png"))
    image._set_image_file_metadata()
    image.save()
    image.get_rendition("fill-20x20")
    get_document_model().objects.create(title="Kế hoạch", file=ContentFile(b"%PDF-1.4 plan", name="ke-hoach.pdf"))
    path = tmp_path / "site.tar.gz"
    call_command("backup", output=str(path), stdout=StringIO(), stderr=StringIO())
    archived = stored_files()
    assert {name.split("/")[0] for name in archived} == {"original_images", "images", "documents"}

    # After the backup: an upload, a rendition and a document the archive does not have, and a changed file.
    extra = [
        default_storage.save("original_images/later.png", png("#aa0000")),
        default_storage.save("images/ba-be.fill-40x40.png", png("#00aa00")),
        default_storage.save("documents/notes/draft.txt", ContentFile(b"not in the archive")),
    ]
    changed = next(name for name in archived if name.startswith("documents/"))
    default_storage.delete(changed)
    default_storage.save(changed, ContentFile(b"changed since"))

    output = StringIO()
    call_command("restore", str(path), force=True, stdout=output)
    assert stored_files() == archived
    assert not any(default_storage.exists(name) for name in extra)
    assert f"Wrote {len(archived)} files" in output.getvalue()
    assert "removed 3 files that the archive does not have" in output.getvalue()
