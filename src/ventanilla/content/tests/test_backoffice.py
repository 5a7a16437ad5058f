"""The content back office: editors of an agency see and change only their agency's news, banners,
charters and documents; only its reviewers publish or approve; portal-wide content and the head's
welcome belong to platform administrators; every editorial step leaves an audit entry."""

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ventanilla.audit.models import AuditEntry
from ventanilla.catalog.tests.factories import ServiceSheetFactory
from ventanilla.catalog.workflows import AgencyReviewTask
from ventanilla.content import services
from ventanilla.content.models import Banner, LibraryDocument, NewsItem, ServiceCharter
from ventanilla.government.models import Role
from ventanilla.government.tests.factories import AgencyFactory, staff
from ventanilla.government.tests.test_backoffice import assert_refused

from .factories import (
    BannerFactory,
    HeadWelcomeFactory,
    LibraryDocumentFactory,
    NewsItemFactory,
    ServiceCharterFactory,
    make_document,
)

pytestmark = pytest.mark.django_db


def url(model, name, *args):
    return reverse(f"wagtailsnippets_content_{model._meta.model_name}:{name}", args=args)


@pytest.fixture
def world():
    agency_a = AgencyFactory(name="Secretaría Alfa", acronym="SALFA")
    agency_b = AgencyFactory(name="Secretaría Beta", acronym="SBETA")
    return {
        "a": agency_a,
        "b": agency_b,
        "news_a": NewsItemFactory(agency=agency_a, title="Noticia Alfa", slug="noticia-alfa"),
        "news_b": NewsItemFactory(agency=agency_b, title="Noticia Beta", slug="noticia-beta"),
        "portal_news": NewsItemFactory(agency=None, title="Noticia del portal", slug="noticia-portal"),
        "editor_a": staff(Role.EDITOR, agency_a, email="editor-alfa@example.mx"),
        "reviewer_a": staff(Role.REVIEWER, agency_a, email="revisor-alfa@example.mx"),
        "reviewer_b": staff(Role.REVIEWER, agency_b, email="revisor-beta@example.mx"),
        "platform": staff(Role.PLATFORM_ADMIN, email="plataforma@example.mx"),
    }


def news_form(item, **changes):
    data = nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "summary": item.summary,
            "body": streamfield([("paragraph", rich_text("<p>Texto</p>"))]),
            "image_alt": item.image_alt,
            "agency": str(item.agency_id or ""),
            "published_on": str(item.published_on),
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data = {key: value for key, value in data.items() if value != "" or key.endswith("deleted")}
    data.update(changes)
    return data


class TestIsolation:
    def test_editor_lists_only_own_agency_news(self, client, world):
        client.force_login(world["editor_a"])
        response = client.get(url(NewsItem, "list"))
        assert response.status_code == 200
        assert "Noticia Alfa" in response.text
        assert "Noticia Beta" not in response.text and "Noticia del portal" not in response.text

    def test_editor_of_agency_a_cannot_edit_agency_b_news(self, client, world):
        client.force_login(world["editor_a"])
        item = world["news_b"]
        for name in ("edit", "delete", "unpublish", "history", "inspect", "lock", "unlock"):
            assert_refused(client.get(url(NewsItem, name, item.pk)))
        assert_refused(client.post(url(NewsItem, "edit", item.pk), news_form(item, title="Secuestrada")))
        assert_refused(client.post(url(NewsItem, "delete", item.pk)))
        assert_refused(client.post(url(NewsItem, "unpublish", item.pk)))
        item.refresh_from_db()
        assert item.live and item.title == "Noticia Beta" and item.revisions.count() == 1
        assert not AuditEntry.objects.filter(agency=world["b"], actor=world["editor_a"]).exists()

    def test_editor_cannot_edit_portal_wide_news(self, client, world):
        client.force_login(world["editor_a"])
        assert_refused(client.get(url(NewsItem, "edit", world["portal_news"].pk)))

    def test_editor_cannot_create_portal_wide_news(self, client, world):
        client.force_login(world["editor_a"])
        form = client.get(url(NewsItem, "add")).context["form"]
        assert list(form.fields["agency"].queryset) == [world["a"]]
        data = news_form(
            NewsItem(title="Sin dependencia", slug="sin-dependencia", summary="S", published_on="2026-10-01"),
            agency="",
        )
        response = client.post(url(NewsItem, "add"), data)
        assert response.status_code == 200
        assert "agency" in response.context["form"].errors
        assert not NewsItem.objects.filter(slug="sin-dependencia").exists()

    def test_editor_saves_a_draft_but_cannot_publish(self, client, world):
        client.force_login(world["editor_a"])
        item = world["news_a"]
        response = client.get(url(NewsItem, "edit", item.pk))
        assert 'name="action-publish"' not in response.text
        response = client.post(url(NewsItem, "edit", item.pk), news_form(item, title="Noticia Alfa revisada"))
        assert response.status_code == 302
        item.refresh_from_db()
        assert (
            item.title == "Noticia Alfa"
            and item.get_latest_revision_as_object().title == "Noticia Alfa revisada"
        )
        client.post(
            url(NewsItem, "edit", item.pk),
            news_form(item, title="Publicada por el editor", **{"action-publish": "action-publish"}),
        )
        item.refresh_from_db()
        assert item.title == "Noticia Alfa"
        with pytest.raises(PermissionDenied):
            services.publish(item, actor=world["editor_a"])

    def test_reviewer_publishes_own_agency_news_with_audit(self, client, world):
        client.force_login(world["reviewer_a"])
        item = world["news_a"]
        data = news_form(item, title="Noticia Alfa 2026", **{"action-publish": "action-publish"})
        assert client.post(url(NewsItem, "edit", item.pk), data).status_code == 302
        item.refresh_from_db()
        assert item.title == "Noticia Alfa 2026" and item.live
        entry = AuditEntry.objects.get(action="content.newsitem.publish", actor=world["reviewer_a"])
        assert entry.agency == world["a"] and entry.object_id == str(item.pk)

    def test_reviewer_of_another_agency_cannot_publish_or_unpublish(self, world):
        with pytest.raises(PermissionDenied):
            services.publish(world["news_a"], actor=world["reviewer_b"])
        with pytest.raises(PermissionDenied):
            services.unpublish(world["news_a"], actor=world["reviewer_b"])
        services.unpublish(world["news_a"], actor=world["reviewer_a"])
        world["news_a"].refresh_from_db()
        assert not world["news_a"].live
        assert AuditEntry.objects.get(action="content.newsitem.unpublish").actor == world["reviewer_a"]

    def test_platform_admin_handles_portal_wide_news(self, client, world):
        item = world["portal_news"]
        with pytest.raises(PermissionDenied):
            services.unpublish(item, actor=world["reviewer_a"])
        client.force_login(world["platform"])
        assert client.get(url(NewsItem, "edit", item.pk)).status_code == 200
        services.unpublish(item, actor=world["platform"])
        entry = AuditEntry.objects.get(action="content.newsitem.unpublish")
        assert entry.agency is None and entry.actor == world["platform"]

    @pytest.mark.parametrize(
        ("factory", "model"),
        [
            (BannerFactory, Banner),
            (ServiceCharterFactory, ServiceCharter),
            (LibraryDocumentFactory, LibraryDocument),
        ],
    )
    def test_banners_charters_and_documents_are_scoped_too(self, client, world, factory, model):
        own = factory(agency=world["a"])
        other = factory(agency=world["b"])
        client.force_login(world["editor_a"])
        listing = client.get(url(model, "list"))
        assert listing.status_code == 200
        assert [row.pk for row in listing.context["object_list"]] == [own.pk]
        assert client.get(url(model, "edit", own.pk)).status_code == 200
        assert_refused(client.get(url(model, "edit", other.pk)))
        assert_refused(client.post(url(model, "delete", other.pk)))
        assert model.objects.filter(pk=other.pk).exists()

    def test_head_welcome_is_for_platform_administrators(self, client, world):
        welcome = HeadWelcomeFactory()
        client.force_login(world["reviewer_a"])
        assert_refused(client.get(reverse("wagtailsnippets_content_headwelcome:list")))
        assert_refused(client.get(reverse("wagtailsnippets_content_headwelcome:edit", args=[welcome.pk])))
        client.force_login(world["platform"])
        assert (
            client.get(reverse("wagtailsnippets_content_headwelcome:edit", args=[welcome.pk])).status_code
            == 200
        )

    def test_translation_of_another_agency_news_is_refused(self, client, world):
        from ventanilla.catalog.tests.factories import english_locale

        en = english_locale()
        client.force_login(world["editor_a"])
        submit = f"/admin/localize/submit/snippet/content/newsitem/{world['news_b'].pk}/"
        assert_refused(client.get(submit))
        assert_refused(client.post(submit, {"locales": [en.pk]}))
        own = f"/admin/localize/submit/snippet/content/newsitem/{world['news_a'].pk}/"
        assert client.get(own).status_code == 200


class TestWorkflow:
    def test_submitted_news_is_approved_by_a_reviewer_of_its_agency_only(self, client, world):
        item = world["news_a"]
        client.force_login(world["editor_a"])
        data = news_form(item, title="Noticia Alfa enviada", **{"action-submit": "action-submit"})
        assert client.post(url(NewsItem, "edit", item.pk), data).status_code == 302
        state = WorkflowState.objects.for_instance(item).get()
        task_state = state.current_task_state
        task = task_state.task.specific
        assert isinstance(task, AgencyReviewTask)
        assert task.get_actions(item, world["reviewer_b"]) == []
        assert list(task.get_task_states_user_can_moderate(world["reviewer_b"])) == []
        assert list(task.get_task_states_user_can_moderate(world["reviewer_a"])) == [task_state]
        client.force_login(world["reviewer_b"])
        assert_refused(
            client.post(url(NewsItem, "workflow_action", item.pk, "approve", task_state.pk), {"comment": ""})
        )
        client.force_login(world["reviewer_a"])
        response = client.post(
            url(NewsItem, "workflow_action", item.pk, "approve", task_state.pk), {"comment": ""}
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.live and item.title == "Noticia Alfa enviada"
        actions = set(
            AuditEntry.objects.filter(object_id=str(item.pk), agency=world["a"]).values_list(
                "action", "actor"
            )
        )
        assert ("content.newsitem.submit", world["editor_a"].pk) in actions
        assert ("content.newsitem.approve", world["reviewer_a"].pk) in actions
        assert ("content.newsitem.publish", world["reviewer_a"].pk) in actions

    def test_moderation_list_mixes_sheets_and_news_by_agency(self, world):
        """The review task's queue holds each kind of content of the reviewer's agencies only."""
        sheet = ServiceSheetFactory(agency=world["b"])
        for obj in (sheet, world["news_b"], world["news_a"]):
            obj.get_workflow().start(obj, world["platform"])
        task = AgencyReviewTask.objects.get()
        queue_b = {
            state.workflow_state.content_object
            for state in task.get_task_states_user_can_moderate(world["reviewer_b"])
        }
        assert queue_b == {sheet, world["news_b"]}
        assert task.get_task_states_user_can_moderate(world["platform"]).count() == 3
        assert TaskState.objects.count() == 3


class TestCharterForm:
    def test_sheets_of_another_agency_are_refused(self, client, world):
        own_sheet = ServiceSheetFactory(agency=world["a"], slug="propia")
        other_sheet = ServiceSheetFactory(agency=world["b"], slug="ajena")
        charter = ServiceCharterFactory(agency=world["a"])
        client.force_login(world["editor_a"])
        form = client.get(url(ServiceCharter, "edit", charter.pk)).context["form"]
        assert list(form.fields["sheets"].queryset) == [own_sheet]
        assert other_sheet not in form.fields["sheets"].queryset
        with translation.override("en"):
            assert "save the charter" not in str(form.fields["sheets"].help_text)

    def test_a_platform_admin_is_told_how_to_pick_the_services_of_a_new_charter(self, client, world):
        ServiceSheetFactory(agency=world["a"], slug="propia")
        client.force_login(world["platform"])
        form = client.get(url(ServiceCharter, "add")).context["form"]
        assert not form.fields["sheets"].queryset.exists()
        help_text = form.fields["sheets"].help_text
        with translation.override("en"):
            assert str(help_text).startswith("Choose the agency and save the charter")
        with translation.override("es-mx"):
            assert str(help_text).startswith("Elija la dependencia y guarde la carta")


class TestLibraryDocument:
    def test_editor_adds_a_document_as_draft(self, client, world):
        document = make_document()
        client.force_login(world["editor_a"])
        data = {
            "title": "Guía",
            "title_en": "Guide",
            "description": "",
            "description_en": "",
            "document": str(document.pk),
            "kind": "pamphlet",
            "language": "es",
            "published_on": "2026-10-01",
            "agency": str(world["a"].pk),
        }
        response = client.post(url(LibraryDocument, "add"), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else ""
        row = LibraryDocument.objects.get(title="Guía")
        assert not row.live and row.agency == world["a"]


class TestFiles:
    def test_editors_upload_and_choose_documents_and_images(self, client, world):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.permissions import policy_registry

        documents = policy_registry.get_by_type(get_document_model())
        images = policy_registry.get_by_type(get_image_model())
        editor = world["editor_a"]
        for policy in (documents, images):
            assert policy.user_has_permission(editor, "add") and policy.user_has_permission(editor, "choose")
        someone_elses = make_document()  # uploaded by nobody in particular
        assert not documents.user_has_permission_for_instance(editor, "change", someone_elses)
        client.force_login(editor)
        assert client.get(reverse("wagtaildocs_chooser:choose")).status_code == 200
