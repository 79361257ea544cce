"""/favicon.ico, which browsers ask for when a page names no icon: a 404 there is an error in the reader's
console (and costs Lighthouse's Best Practices points)."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_portal_emblem(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/") and response["Location"].endswith(".svg")
    assert finders.find(response["Location"].removeprefix("/static/"))
    assert "max-age=86400" in response["Cache-Control"]
