"""Each agency's images and documents live in its own collection, and its editors work there."""

import pytest

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.permissions import policy_registry

from ventanilla.government.media import ensure_collections
from ventanilla.government.models import Agency, Role

from .factories import AgencyFactory, staff

pytestmark = pytest.mark.django_db


def document(title, collection, uploaded_by=None):
    doc = get_document_model()(title=title, collection=collection, uploaded_by_user=uploaded_by)
    doc.file.save(f"{title}.txt", ContentFile(b"contenido"), save=False)
    doc.save()
    return doc


@pytest.fixture
def world():
    a = AgencyFactory(name="Secretaría Alfa")
    b = AgencyFactory(name="Secretaría Beta")
    a_child = AgencyFactory(name="Órgano de Alfa", parent=a)
    editor_a, editor_b = staff(Role.EDITOR, a), staff(Role.EDITOR, b)
    return {
        "a": a, "b": b, "a_child": a_child, "editor_a": editor_a, "platform": staff(Role.PLATFORM_ADMIN),
        "doc_a": document("Guía alfa", a.collection, editor_a),
        "doc_b": document("Guía beta", b.collection, editor_b),
        "doc_child": document("Guía del órgano", a_child.collection),
    }


def test_every_agency_gets_a_collection_named_after_it():
    agency = AgencyFactory(name="Secretaría de Pruebas")
    assert agency.collection.name == "Secretaría de Pruebas"
    assert agency.collection.get_parent() == Collection.get_first_root_node()
    agency.name = "Secretaría de Ensayos"
    agency.save()
    agency.collection.refresh_from_db()
    assert agency.collection.name == "Secretaría de Ensayos"
    # An agency left without one (say, its collection was deleted) gets a new one after migrate.
    agency.collection.delete()
    assert Agency.objects.get(pk=agency.pk).collection is None
    assert ensure_collections() == 1
    assert Agency.objects.get(pk=agency.pk).collection.name == "Secretaría de Ensayos"


@pytest.mark.parametrize("model", [get_document_model(), get_image_model()])
def test_editors_add_and_choose_only_in_their_agencies_collections(world, model):
    policy = policy_registry.get_by_type(model)
    editor = world["editor_a"]
    own = {world["a"].collection, world["a_child"].collection}
    assert set(policy.collections_user_has_permission_for(editor, "add")) == own
    assert set(policy.collections_user_has_permission_for(editor, "choose")) == own
    everything = set(policy.collections_user_has_permission_for(world["platform"], "add"))
    assert own | {world["b"].collection, Collection.get_first_root_node()} <= everything


def test_editors_see_and_choose_their_agencies_documents_only(client, world):
    policy = policy_registry.get_by_type(get_document_model())
    editor = world["editor_a"]
    choosable = set(policy.instances_user_has_any_permission_for(editor, ["choose"]))
    assert choosable == {world["doc_a"], world["doc_child"]}
    assert not policy.user_has_permission_for_instance(editor, "choose", world["doc_b"])
    assert policy.user_has_permission_for_instance(world["platform"], "choose", world["doc_b"])

    client.force_login(editor)
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert "Guía alfa" in chooser and "Guía del órgano" in chooser
    assert "Guía beta" not in chooser
    # The listing holds what they may change: their own uploads (Wagtail's ownership rule).
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Guía alfa" in listing and "Guía beta" not in listing
    # Another agency's file is refused whatever URL is typed.
    response = client.get(reverse("wagtaildocs:edit", args=[world["doc_b"].pk]))
    assert response.status_code in (302, 403)
    assert "Guía beta" not in response.content.decode()


def test_the_upload_form_offers_only_the_editors_collections(client, world):
    client.force_login(world["editor_a"])
    page = client.get(reverse("wagtaildocs:add")).content.decode()
    assert "Secretaría Alfa" in page and "Órgano de Alfa" in page
    assert "Secretaría Beta" not in page


def test_a_platform_grant_on_a_shared_collection_is_kept(world):
    shared = Collection.get_first_root_node().add_child(name="Compartida")
    inside_b = world["b"].collection.add_child(name="Beta interna")
    editor = world["editor_a"]
    group = editor.groups.get(name="Catalog editors")
    choose = Permission.objects.get(content_type__app_label="wagtaildocs", codename="choose_document")
    for collection in (shared, inside_b):
        GroupCollectionPermission.objects.create(group=group, collection=collection, permission=choose)
    policy = policy_registry.get_by_type(get_document_model())
    fresh = type(editor).objects.get(pk=editor.pk)  # permissions are cached on the user object
    collections = set(policy.collections_user_has_permission_for(fresh, "choose"))
    assert shared in collections
    assert inside_b not in collections and world["b"].collection not in collections


def test_a_database_without_a_root_collection_gets_one():
    """A flushed database (transactional tests) has no collections at all."""
    Collection.objects.all().delete()
    agency = AgencyFactory(name="Secretaría Nueva")
    assert agency.collection.get_parent() == Collection.get_first_root_node()
