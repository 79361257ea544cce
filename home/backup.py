"""Backup and restore of the whole site: every table of the database and every file of the default
storage (local or S3) in one .tar.gz archive with a manifest (README, "Backup and restore").

Rows are copied column by column through Django's fields (read with a plain queryset, written with
INSERT), not through model instances or Django's serializers:
- primary keys stay as they are, content types' and permissions' included: Wagtail keeps page, image,
  document and content-type ids inside JSON (revisions, StreamField, rich text), which natural keys
  would not follow;
- modeltranslation's descriptors make `page.title` the active language's value with its fallbacks, so
  an instance neither gives nor saves the stored `title` column as it is;
- no save() or signal runs: nothing is re-encrypted, re-indexed or re-dated on the way. Form
  submissions keep their personal fields encrypted as stored; the key is not in the archive.
Values are JSON in the forms Django's fields parse back (ISO dates with their microseconds, decimals
as text, JSON columns as JSON), so a backup of PostgreSQL restores into SQLite and the other way.

The archive: `data/<app>.<model>.jsonl` (one JSON object per row, keyed by column), `media/<name>` (the
storage's files), and `manifest.json` last, with each file's size and SHA-256. A restore reads the
archive once to check it before it changes anything.
"""

import base64
import datetime
import decimal
import gzip
import hashlib
import io
import json
import platform
import posixpath
import tarfile
import tempfile
import time
import uuid
import zlib
from contextlib import redirect_stdout

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F
from django.db.models.expressions import ExpressionWrapper
from django.utils import timezone
from django.utils.duration import duration_string
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

FORMAT = "portal-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA = "data/"
MEDIA = "media/"
CHUNK = 1024 * 1024
BATCH = 500
SPOOL = 16 * 1024 * 1024  # a file larger than this goes through a temporary file, not memory

# What is not in the archive, and why. Everything else of every installed app is.
SKIPPED = {
    "sessions.session": "sign-in sessions: everyone signs in again after a restore",
    "wagtailadmin.editingsession": "who has an editor open at this moment",
    "wagtailcore.referenceindex": "derived from the content: the restore rebuilds it (rebuild_references_index)",
    "django_tasks_database.dbtaskresult": (
        "the task queue: form e-mails not yet sent are sent from their receipts (send_form_notifications)"
    ),
}
SKIPPED_APPS = {"wagtailsearch": "the database's search index: the restore rebuilds it (update_index)"}


class ArchiveError(CommandError):
    pass


def tables():
    """(model, reason it is skipped or None) for every table of the installed apps, in a stable order."""
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed:
            continue
        yield model, SKIPPED.get(opts.label_lower) or SKIPPED_APPS.get(opts.app_label)


def stored_as_json(field):
    """StreamField and JSONField columns are copied as the JSON they hold, not through the field's
    Python value (a StreamValue drops blocks the code no longer knows)."""
    return field.get_internal_type() == "JSONField"


def to_json(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()  # Django's JSON encoder would cut microseconds to milliseconds
    if isinstance(value, datetime.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")  # what BinaryField.to_python reads back
    raise TypeError(f"{type(value).__name__} is not in the backup's JSON")


def table_rows(model, using):
    """Each row of the model's own table as {column: value}, read without model instances."""
    fields = model._meta.local_concrete_fields
    wrapped = {f"json_of_{f.attname}": ExpressionWrapper(F(f.attname), output_field=models.JSONField())
               for f in fields if stored_as_json(f)}  # fmt: skip
    names = [f"json_of_{f.attname}" if stored_as_json(f) else f.attname for f in fields]
    queryset = models.QuerySet(model=model, using=using).annotate(**wrapped).order_by("pk").values_list(*names)
    columns = [f.column for f in fields]
    for values in queryset.iterator(chunk_size=2000):
        yield dict(zip(columns, values, strict=True))


def storage_files(storage, path=""):
    """Every file name of a storage, through its API (so S3 too), sorted."""
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing uploaded
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from storage_files(storage, posixpath.join(path, directory) if path else directory)


class Spool:
    """A file's bytes on their way into the archive: in memory, or a temporary file when large, with
    their size and SHA-256."""

    def __init__(self):
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL)
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.file.write(data)
        self.digest.update(data)
        self.size += len(data)

    def add_to(self, tar, name):
        self.file.seek(0)
        info = tarfile.TarInfo(name)
        info.size = self.size
        info.mtime = int(time.time())
        info.mode = 0o600
        tar.addfile(info, self.file)
        self.file.close()
        return {"file": name, "size": self.size, "sha256": self.digest.hexdigest()}


def applied_migrations(connection):
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def write_backup(out, using, log):
    """Write the archive to the binary file `out`; return its manifest."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("The database has migrations not applied yet: run `manage.py migrate` first.")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "site": settings.WAGTAIL_SITE_NAME,
        "software": {"python": platform.python_version(), "django": django.__version__, "wagtail": wagtail.__version__},
        "database": connection.vendor,
        "not_included": (
            "Settings from the environment: SECRET_KEY, the key of the form submissions' personal data "
            "(FORM_DATA_KEY), passwords of the mail server and other services. Keep them apart from the archive."
        ),
        "skipped": {},
        "tables": [],
    }
    referenced = set()  # file names the database refers to, to report those missing from the storage
    with (
        gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6) as zipped,
        tarfile.open(fileobj=zipped, mode="w|", format=tarfile.PAX_FORMAT) as tar,
    ):
        snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic(using=using):
            if snapshot:  # every table as of one moment, while the site runs
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            manifest["migrations"] = applied_migrations(connection)
            for model, reason in tables():
                label = model._meta.label_lower
                if reason:
                    manifest["skipped"][label] = reason
                    continue
                file_columns = [f.column for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)]
                spool, rows = Spool(), 0
                for row in table_rows(model, using):
                    spool.write(json.dumps(row, default=to_json, ensure_ascii=False).encode() + b"\n")
                    referenced.update(row[column] for column in file_columns if row[column])
                    rows += 1
                entry = spool.add_to(tar, f"{DATA}{label}.jsonl")
                columns = [f.column for f in model._meta.local_concrete_fields]
                manifest["tables"].append({"model": label, "table": model._meta.db_table, "rows": rows,
                                           "columns": columns, **entry})  # fmt: skip
        storage = default_storage
        files = []
        for name in storage_files(storage):
            spool = Spool()
            with storage.open(name, "rb") as source:
                while data := source.read(CHUNK):
                    spool.write(data)
            files.append({"name": name, **spool.add_to(tar, MEDIA + name)})
        stored = {entry["name"] for entry in files}
        manifest["media"] = {
            "storage": settings.STORAGES["default"]["BACKEND"],
            "files": files,
            "missing": sorted(referenced - stored),
        }
        body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        spool = Spool()
        spool.write(body)
        spool.add_to(tar, MANIFEST)
    for name in manifest["media"]["missing"]:
        log(f"Warning: the database refers to {name}, which is not in the storage.")
    return manifest


# Reading an archive


class GuardedReader:
    """The decompressed archive; a read error (corrupt or truncated file) becomes an ArchiveError."""

    def __init__(self, path, fileobj):
        self.path = path
        self.zipped = gzip.GzipFile(fileobj=fileobj)

    def fail(self, error):
        return ArchiveError(f"{self.path} is not a complete backup archive (it is corrupt or truncated): {error}.")

    def read(self, size=-1):
        try:
            return self.zipped.read(size)
        except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
            raise self.fail(error) from error

    def drain(self):
        """Read to the end: gzip checks its CRC and length only there."""
        while self.read(CHUNK):
            pass


def archive_files(path):
    """Each file of the archive in order, as (name, binary file object), read as a stream."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
    with raw:
        reader = GuardedReader(path, raw)
        try:
            tar = tarfile.open(fileobj=reader, mode="r|")
            while (member := tar.next()) is not None:
                if member.isfile():
                    yield member.name, MemberReader(reader, tar.extractfile(member))
        except tarfile.TarError as error:
            raise reader.fail(error) from error
        reader.drain()


class MemberReader(io.RawIOBase):
    def __init__(self, reader, member):
        self.reader = reader
        self.member = member

    def readable(self):
        return True

    def readinto(self, buffer):
        try:
            data = self.member.read(len(buffer))
        except tarfile.TarError as error:
            raise self.reader.fail(error) from error
        buffer[: len(data)] = data
        return len(data)


def sha256_of(fileobj, sink=None):
    digest, size = hashlib.sha256(), 0
    while data := fileobj.read(CHUNK):
        digest.update(data)
        size += len(data)
        if sink is not None:
            sink.write(data)
    return size, digest.hexdigest()


def verify(path):
    """Read the whole archive once; return its manifest if every file it lists is there, unchanged."""
    try:
        return checked_manifest(path)
    except ArchiveError as error:
        raise ArchiveError(f"{error} Nothing was changed.") from error


def checked_manifest(path):
    found, manifest = {}, None
    for name, member in archive_files(path):
        if name == MANIFEST:
            try:
                manifest = json.loads(member.read())
            except ValueError as error:
                raise ArchiveError(f"The manifest of {path} is not valid JSON: {error}.") from error
        else:
            found[name] = sha256_of(member)
    if manifest is None:
        raise ArchiveError(f"{path} has no {MANIFEST}: it ends early, or it was not made by `manage.py backup`.")
    if not isinstance(manifest, dict) or (manifest.get("format"), manifest.get("version")) != (FORMAT, VERSION):
        raise ArchiveError(f"{path} is not a backup of this portal (format {FORMAT} {VERSION}).")
    expected = {entry["file"]: (entry["size"], entry["sha256"]) for entry in manifest["tables"]}
    expected.update({entry["file"]: (entry["size"], entry["sha256"]) for entry in manifest["media"]["files"]})
    bad = sorted(name for name, digest in expected.items() if found.get(name) != digest)
    if bad:
        raise ArchiveError(
            f"{path} is damaged: {len(bad)} of its files are missing or differ from their checksum "
            f"({', '.join(bad[:5])}{', …' if len(bad) > 5 else ''})."
        )
    return manifest


# Restoring


def existing_content(using):
    """What the database and the storage hold beyond what migrations make: {what: how many}."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    counts = {}
    checks = [
        ("users", models.QuerySet(get_user_model(), using=using)),
        ("pages", models.QuerySet(Page, using=using).filter(depth__gt=2)),  # beyond Wagtail's root and welcome page
        ("revisions", models.QuerySet(Revision, using=using)),
        ("form submissions", models.QuerySet(FormSubmission, using=using)),
        ("images", models.QuerySet(get_image_model(), using=using)),
        ("documents", models.QuerySet(get_document_model(), using=using)),
    ]
    for what, queryset in checks:
        if queryset.model._meta.db_table in present and (count := queryset.count()):
            counts[what] = count
    if files := sum(1 for _name in storage_files(default_storage)):
        counts["media files"] = files
    return counts


class MigrationState:
    """The archive's migrations against this code's: which exist here, and where to migrate."""

    def __init__(self, manifest, connection):
        self.executor = MigrationExecutor(connection)
        loader = self.executor.loader
        archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
        installed = {config.label for config in apps.get_app_configs()}
        unknown = sorted(f"{app}.{name}" for app, name in archived if app in installed and (app, name) not in
                         loader.disk_migrations)  # fmt: skip
        if unknown:
            raise CommandError(
                f"The archive was made by a newer version of the portal: this one does not have the migrations "
                f"{', '.join(unknown[:5])}{', …' if len(unknown) > 5 else ''}. Restore it with that version or a "
                "later one. Nothing was changed."
            )

        def applied(node):
            if node in archived:
                return True
            replacing = loader.replacements.get(node)
            return bool(replacing) and all(replaced in archived for replaced in replacing.replaces)

        graph = loader.graph
        self.behind = sorted(node for node in graph.nodes if not applied(node))  # to run after loading
        self.targets = []
        for app in sorted({node[0] for node in graph.nodes}):
            done = [node for node in graph.nodes if node[0] == app and applied(node)]
            leaves = [node for node in done if not any(child in done for child in graph.node_map[node].children)]
            self.targets += leaves or [(app, None)]

    def models(self):
        """The models as the archive's tables have them: this code's, or when the archive is older, the
        historical ones of its migrations (this code's fields still serve the columns they lack: the
        page's translated columns, which wagtail-modeltranslation adds outside migrations)."""
        if not self.behind:
            return apps
        return self.executor.loader.project_state([node for node in self.targets if node[1]]).apps


def quiet_migrate(using):
    with redirect_stdout(io.StringIO()):  # wagtail-modeltranslation prints each column it adds to the pages
        call_command("migrate", database=using, interactive=False, verbosity=0, stdout=io.StringIO())


def migrate_to_archive(state, using, log):
    """Bring the database's schema to the archive's migrations."""
    executor = state.executor
    plan = executor.migration_plan(state.targets)
    if not plan:
        return
    backwards = sum(1 for _migration, undo in plan if undo)
    if not state.behind and not backwards:
        quiet_migrate(using)
        log(f"Migrated the database to this version ({len(plan)} migrations).")
        return
    executor.migrate(state.targets, plan=plan)
    with redirect_stdout(io.StringIO()):
        call_command("sync_page_translation_fields", interactive=False, verbosity=0)
    log(
        f"Migrated the database to the archive's state ({len(plan) - backwards} migrations applied, "
        f"{backwards} unapplied); the restored data is migrated to this version afterwards."
    )


class TableLoader:
    """INSERTs one archived table's rows, each value through its field's to_python and database preparation."""

    def __init__(self, entry, historical, connection):
        self.connection = connection
        label = entry["model"]
        try:
            model = self.model = historical.get_model(label)
        except LookupError as error:
            raise CommandError(f"This version has no model {label}, which the archive holds.") from error
        fields = {f.column: f for f in self.current_fields(label)}
        fields.update({f.column: f for f in model._meta.local_concrete_fields})
        unknown = [column for column in entry["columns"] if column not in fields]
        if unknown:
            raise CommandError(f"This version does not know the columns {', '.join(unknown)} of {label}.")
        self.columns = entry["columns"]
        self.prepare = [self.preparer(fields[column]) for column in self.columns]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(entry['table'])} ({', '.join(quote(column) for column in self.columns)}) "
            f"VALUES ({', '.join(['%s'] * len(self.columns))})"
        )

    @staticmethod
    def current_fields(label):
        try:
            return apps.get_model(label)._meta.local_concrete_fields
        except LookupError:
            return []

    def preparer(self, field):
        connection = self.connection
        if stored_as_json(field):
            plain = models.JSONField()
            return lambda value: plain.get_db_prep_save(value, connection)
        return lambda value: field.get_db_prep_save(field.to_python(value), connection)

    def load(self, lines):
        rows = 0
        with self.connection.cursor() as cursor:
            batch = []
            for line in lines:
                row = json.loads(line)
                batch.append([prepare(row[column]) for prepare, column in zip(self.prepare, self.columns, strict=True)])
                if len(batch) == BATCH:
                    cursor.executemany(self.sql, batch)
                    rows, batch = rows + len(batch), []
            if batch:
                cursor.executemany(self.sql, batch)
                rows += len(batch)
        return rows


def check_columns(manifest, connection):
    """Every archived column must have its column in the database (checked before anything is deleted)."""
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        for entry in manifest["tables"]:
            if entry["table"] not in present:
                raise CommandError(
                    f"The database has no table {entry['table']} for {entry['model']}. Nothing was changed."
                )
            columns = {column.name for column in connection.introspection.get_table_description(cursor, entry["table"])}
            missing = [column for column in entry["columns"] if column not in columns]
            if missing:
                raise CommandError(
                    f"The table {entry['table']} has no columns {', '.join(missing)}, which the archive fills. "
                    "Nothing was changed."
                )


def load_database(path, manifest, historical, using):
    """Empty every table and load the archive's rows, in one transaction; return rows per model."""
    connection = connections[using]
    by_file = {entry["file"]: entry for entry in manifest["tables"]}
    loaders = {name: TableLoader(entry, historical, connection) for name, entry in by_file.items()}
    counts = {}
    if connection.in_atomic_block:
        # PostgreSQL refuses to empty (TRUNCATE) a table whose foreign keys the caller's transaction has
        # yet to check; check them now. A restore from the command runs in a transaction of its own.
        connection.check_constraints()
    try:
        with transaction.atomic(using=using):
            connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=False))
            for name, member in archive_files(path):
                if name in loaders:
                    lines = io.TextIOWrapper(io.BufferedReader(member, CHUNK), encoding="utf-8")
                    counts[by_file[name]["model"]] = loaders[name].load(lines)
                elif name.startswith(MEDIA):
                    break  # the data comes first
            loaded = [loader.model for loader in loaders.values()]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), loaded):
                    cursor.execute(sql)
            connection.check_constraints(table_names=[entry["table"] for entry in manifest["tables"]])
    except DatabaseError as error:
        raise CommandError(f"The archive's data could not be loaded: {error}. The database is as it was.") from error
    return counts


def restore_media(path, manifest, log):
    """Make the default storage hold the archive's files and no other: write each under its own name (an
    existing one is replaced), then delete the files the archive does not have (uploads, renditions and
    documents of the site before, which the restored database knows nothing of). Return how many files were
    written, their size and how many were deleted."""
    storage = default_storage
    names = {entry["file"]: entry for entry in manifest["media"]["files"]}
    saved_names, size = set(), 0
    for member_name, member in archive_files(path):
        entry = names.get(member_name)
        if entry is None:
            continue
        with tempfile.SpooledTemporaryFile(max_size=SPOOL) as copy:
            if sha256_of(member, copy) != (entry["size"], entry["sha256"]):
                raise ArchiveError(f"{member_name} changed while it was restored; run the restore again.")
            copy.seek(0)
            if storage.exists(entry["name"]):
                storage.delete(entry["name"])
            saved = storage.save(entry["name"], File(copy, name=posixpath.basename(entry["name"])))
        if saved != entry["name"]:
            log(f"Warning: the storage saved {entry['name']} as {saved}.")
        saved_names.add(saved)
        size += entry["size"]
    extra = [name for name in storage_files(storage) if name not in saved_names]
    for name in extra:
        storage.delete(name)
    return len(saved_names), size, len(extra)


def rebuild_derived(using, log):
    """What the archive leaves out because it follows from the rest."""
    ContentType.objects.clear_cache()  # ids of the database before
    for config in apps.get_app_configs():  # content types and permissions of models the archive predates
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    failed = []
    for command in ("update_index", "rebuild_references_index"):
        try:
            call_command(command, verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        except Exception as error:  # noqa: BLE001 (the data is restored; say what to run again)
            failed.append(f"`manage.py {command}` ({type(error).__name__}: {error})")
    cache.clear()  # cached pages, site roots and settings of the database before
    if failed:
        raise CommandError(
            "The database and files are restored, but these failed; run them again: " + "; ".join(failed)
        )
    log("Rebuilt the search index and the reference index; cleared the cache.")


def restore(path, force, log, using=DEFAULT_DB_ALIAS):
    """Check the archive, bring the database to its migrations, load it, write its files, rebuild the rest."""
    started = time.monotonic()
    connection = connections[using]
    content = existing_content(using)
    if content and not force:
        found = ", ".join(f"{count} {what}" for what, count in content.items())
        raise CommandError(
            f"The site already has content ({found}); a restore replaces all of it. Restore into an empty "
            "database and storage, or run the restore again with --force to delete what is there. Nothing was changed."
        )
    manifest = verify(path)
    software = manifest["software"]
    log(
        f"Checked {path}: made {manifest['created_at']} with Django {software['django']} and Wagtail "
        f"{software['wagtail']} on {manifest['database']}; {len(manifest['tables'])} tables and "
        f"{len(manifest['media']['files'])} files, every checksum matches."
    )
    state = MigrationState(manifest, connection)
    migrate_to_archive(state, using, log)
    historical = state.models()
    check_columns(manifest, connection)
    counts = load_database(path, manifest, historical, using)
    named = [
        ("pages", "wagtailcore.page"),
        ("revisions", "wagtailcore.revision"),
        ("form submissions", "wagtailforms.formsubmission"),
        ("images", get_image_model()._meta.label_lower),
        ("documents", get_document_model()._meta.label_lower),
        ("users", get_user_model()._meta.label_lower),
    ]
    log(
        f"Loaded {sum(counts.values()):,} rows into {len(counts)} tables: "
        + ", ".join(f"{counts.get(label, 0):,} {what}" for what, label in named)
        + "."
    )
    files, size, removed = restore_media(path, manifest, log)
    log(
        f"Wrote {files:,} files ({size / 1024 / 1024:,.1f} MB) to the storage and removed {removed:,} files that "
        "the archive does not have."
    )
    if state.behind:
        quiet_migrate(using)
        log(f"Migrated the restored data to this version ({len(state.behind)} migrations).")
    rebuild_derived(using, log)
    log(f"Restored in {time.monotonic() - started:.0f} s. Sessions were not restored: everyone signs in again.")
