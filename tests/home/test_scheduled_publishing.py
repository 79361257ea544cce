"""Scheduled publishing and expiry work with translated pages (the README's cron line runs this)."""

import datetime
import time

from django.core.management import call_command
from django.utils import timezone

from home.models import StandardPage
from tests.factories import localized


def test_a_scheduled_page_goes_live_in_every_language_when_publish_scheduled_runs(client, site_tree):
    page = StandardPage(
        **localized("title", {"vi": "Thông cáo", "en": "Press release"}),
        **localized("slug", {"vi": "thong-cao", "en": "press-release"}),
        live=False,
    )
    site_tree.home.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = page.save_revision()
    revision.publish()  # with a future go-live date this only schedules
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    assert client.get("/en/press-release/").status_code == 404

    time.sleep(2.5)  # the go-live moment passes, as it does between two runs of the cron job
    call_command("publish_scheduled")

    assert client.get("/en/press-release/").status_code == 200
    assert client.get("/vi/thong-cao/").status_code == 200


def test_an_expired_page_is_taken_offline(client, site_tree):
    site_tree.about.expire_at = timezone.now() - datetime.timedelta(seconds=1)
    site_tree.about.save()
    call_command("publish_scheduled")
    assert client.get("/en/about/").status_code == 404
