from django.db import transaction
from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildIndexCommand

from search import reader_index
from search.models import SearchEntry, SearchWord, model_values


class Command(RebuildIndexCommand):
    help = (
        "Rewrite the readers' search entries from the live, public pages, then rebuild every search "
        "backend's index; each step shows how far it has got."
    )

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        if not options["schema_only"]:
            self.update_entries(options["chunk_size"])
        super().handle(**options)

    def update_entries(self, chunk_size):
        """Entries keep their ids (the index knows them by id); stale ones go, missing ones are made."""
        self.write("Search entries (a page in each language)")
        SearchWord.objects.all().delete()  # written again with the entries: words no page has any more go
        pages = SearchEntry.searchable_pages().order_by("pk")
        sections = SearchEntry.sections()
        for chunk in self.print_iter_progress(self.queryset_chunks(pages.specific(), chunk_size)):
            with transaction.atomic():
                self.write_entries([entry for page in chunk for entry in SearchEntry.build(page, sections)])
        _total, deleted = SearchEntry.objects.exclude(page__in=pages).delete()
        gone = deleted.get(SearchEntry._meta.label, 0)
        self.write(f"Removed {gone:,} entries of pages that are no longer live or public.")

    def write_entries(self, entries):
        existing = {
            (page_id, language): pk
            for pk, page_id, language in SearchEntry.objects.filter(
                page__in={entry.page_id for entry in entries}
            ).values_list("pk", "page_id", "language")
        }
        for entry in entries:
            entry.pk = existing.get((entry.page_id, entry.language))
        SearchEntry.objects.bulk_update([entry for entry in entries if entry.pk], list(model_values(entries[0])))
        SearchEntry.objects.bulk_create([entry for entry in entries if not entry.pk])
        reader_index.write(entries)

    def queryset_chunks(self, qs, chunk_size=1000):
        self.total = qs.count()
        return super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        done = 0
        self.print_newline()
        for chunk in iterable:
            yield chunk
            done += len(chunk)
            self.write(f"  {done:,} of {self.total:,} ({done * 100 // max(self.total, 1)}%)")
            self.stdout.flush()
