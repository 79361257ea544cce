"""The plan tracker's groups upload their evidence documents into the plan's collection, not into the others."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home.editorial import DEPARTMENT, media_collection_name

PLAN_GROUPS = ["Kế hoạch TTĐN: Điều phối", "Kế hoạch TTĐN: Cán bộ đơn vị"]
PLAN_COLLECTION = "Kế hoạch thông tin đối ngoại"


def upload(client, title, collection=None):
    data = {"title": title, "file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%%EOF\n")}
    if collection is not None:
        data["collection"] = collection.pk
    return client.post(reverse("wagtaildocs:add"), data)


@pytest.mark.parametrize("group", PLAN_GROUPS)
def test_plan_groups_add_documents_in_their_collection_only(db, django_user_model, group):
    user = django_user_model.objects.create_user("can-bo", "can-bo@example.gov.vn", "password")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    own = Collection.objects.get(name=PLAN_COLLECTION, depth=2)
    documents = get_document_model().objects

    response = upload(client, "Minh chứng nhiệm vụ 4.3")
    assert response.status_code == 302, response.context["form"].errors
    assert documents.get(title="Minh chứng nhiệm vụ 4.3").collection == own
    assert upload(client, "Minh chứng khác", own).status_code == 302

    for other in (
        Collection.get_first_root_node(),
        Collection.objects.get(name=media_collection_name(DEPARTMENT["tourism"])),
    ):
        upload(client, f"Tài liệu trong {other.name}", other)
        assert not documents.filter(collection=other).exists()
    assert set(documents.values_list("collection", flat=True)) == {own.pk}
