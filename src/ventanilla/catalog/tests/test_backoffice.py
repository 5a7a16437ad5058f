"""The catalog back office: editors see and change only their agency's sheets, only reviewers of
the sheet's agency publish or approve, and every editorial step leaves an audit entry."""

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Locale, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from ventanilla.audit.models import AuditEntry
from ventanilla.catalog.models import ServiceSheet, Synonym, Topic
from ventanilla.catalog.permissions import EDITORS_GROUP, REVIEWERS_GROUP
from ventanilla.catalog.wagtail_hooks import ServiceSheetViewSet
from ventanilla.catalog.workflows import AgencyReviewTask
from ventanilla.government.models import Role
from ventanilla.government.tests.factories import AgencyFactory, staff
from ventanilla.government.tests.test_backoffice import assert_refused

from .factories import ServiceSheetFactory, TopicFactory, english_locale

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_catalog_servicesheet"


def url(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def world():
    agency_a = AgencyFactory(name="Secretaría Alfa", acronym="SALFA")
    agency_b = AgencyFactory(name="Secretaría Beta", acronym="SBETA")
    return {
        "a": agency_a,
        "b": agency_b,
        "sheet_a": ServiceSheetFactory(agency=agency_a, name="Licencia Alfa"),
        "sheet_b": ServiceSheetFactory(agency=agency_b, name="Licencia Beta"),
        "editor_a": staff(Role.EDITOR, agency_a, email="editor-alfa@example.mx"),
        "reviewer_a": staff(Role.REVIEWER, agency_a, email="revisor-alfa@example.mx"),
        "reviewer_b": staff(Role.REVIEWER, agency_b, email="revisor-beta@example.mx"),
    }


def sheet_form(sheet, **changes):
    """The edit form's data for `sheet`, as the browser would post it."""
    def blocks(field):
        items = []
        for child in getattr(sheet, field):
            value = {}
            for key, item in child.block.get_form_state(child.value).items():
                if item is True:
                    value[key] = "on"
                elif item in (False, None):
                    continue
                elif isinstance(item, list):  # a choice block's selected value
                    value[key] = item[0]
                else:
                    value[key] = str(item)
            items.append((child.block_type, value))
        return streamfield(items)

    data = {
        "name": sheet.name, "slug": sheet.slug, "homoclave": sheet.homoclave, "summary": sheet.summary,
        "description": sheet.description, "keywords": sheet.keywords, "kind": sheet.kind,
        "modality": sheet.modality, "agency": str(sheet.agency_id), "unit": str(sheet.unit_id or ""),
        "last_reviewed_on": str(sheet.last_reviewed_on or ""), "applicant": sheet.applicant,
        "when_applicable": sheet.when_applicable, "submission_format": sheet.submission_format,
        "inspection_required": "on" if sheet.inspection_required else "",
        "inspection_purpose": sheet.inspection_purpose,
        "max_response_time": str(sheet.max_response_time or ""), "response_day_type": sheet.response_day_type,
        "silence_effect": sheet.silence_effect,
        "prevention_agency_days": str(sheet.prevention_agency_days or ""),
        "prevention_applicant_days": str(sheet.prevention_applicant_days or ""),
        "result_document": sheet.result_document, "result_validity": sheet.result_validity,
        "resolution_criteria": sheet.resolution_criteria, "records_to_keep": sheet.records_to_keep,
        "online_url": sheet.online_url, "go_live_at": "", "expire_at": "",
    }
    flags = ("immediate_response", "is_free", "can_apply_online", "can_book_appointment", "can_pay_online")
    for flag in flags:
        if getattr(sheet, flag):
            data[flag] = "on"
    for field in ("legal_basis", "steps", "requirements", "forms", "fees", "contacts"):
        data[field] = blocks(field)
    data = nested_form_data(data)
    data = {key: value for key, value in data.items() if value != "" or key.endswith("deleted")}
    for relation in ("offices", "topics", "life_events", "segments"):
        data[relation] = [str(pk) for pk in getattr(sheet, relation).values_list("pk", flat=True)]
    data.update(changes)
    return data


class TestListing:
    def test_editor_sees_only_own_agency_sheets(self, client, world, django_assert_max_num_queries):
        for _ in range(5):
            ServiceSheetFactory(agency=world["a"])
        client.force_login(world["editor_a"])
        client.get(url("list"))  # warm per-process caches (content types, site settings)
        with django_assert_max_num_queries(40):
            response = client.get(url("list"))
        assert response.status_code == 200
        assert "Licencia Alfa" in response.text
        assert "Licencia Beta" not in response.text

    def test_query_count_is_bounded_by_the_page_size(self, client, world, django_assert_max_num_queries):
        """About 15 queries, plus two per row for wagtail-localize's "Translate" button: a page
        holds at most list_per_page rows, so a page never costs more than this bound."""
        ServiceSheetFactory.create_batch(ServiceSheetViewSet.list_per_page + 5, agency=world["a"])
        client.force_login(world["editor_a"])
        client.get(url("list"))
        with django_assert_max_num_queries(20 + 2 * ServiceSheetViewSet.list_per_page):
            response = client.get(url("list"))
        assert len(response.context["object_list"]) == ServiceSheetViewSet.list_per_page

    def test_search_and_filters(self, client, world):
        client.force_login(world["reviewer_a"])
        ServiceSheetFactory(agency=world["a"], name="Permiso de construcción")
        response = client.get(url("list"), {"q": "construcción"})
        assert "Permiso de construcción" in response.text
        assert "Licencia Alfa" not in response.text
        draft = ServiceSheetFactory(agency=world["a"], name="Borrador Alfa", publish=False)
        response = client.get(url("list"), {"live": "false"})
        assert draft.name in response.text
        assert "Licencia Alfa" not in response.text
        topic = world["sheet_a"].topics.get()
        response = client.get(url("list"), {"topics": [topic.pk]})
        assert "Licencia Alfa" in response.text
        assert draft.name not in response.text

    def test_sheet_pages_render_for_an_editor_of_the_agency(self, client, world):
        client.force_login(world["editor_a"])
        pk = world["sheet_a"].pk
        for name in ("edit", "history", "inspect", "usage"):
            assert client.get(url(name, pk)).status_code == 200, name
        assert client.get(url("add")).status_code == 200

    def test_add_form_offers_only_own_agencies(self, client, world):
        client.force_login(world["editor_a"])
        form = client.get(url("add")).context["form"]
        assert list(form.fields["agency"].queryset) == [world["a"]]


class TestIsolation:
    def test_other_agency_sheet_is_refused_on_every_screen(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_b"]
        for name in ("edit", "delete", "unpublish", "history", "inspect", "lock", "unlock"):
            assert_refused(client.get(url(name, sheet.pk)))
        assert_refused(client.post(url("edit", sheet.pk), sheet_form(sheet, name="Secuestrada")))
        assert_refused(client.post(url("delete", sheet.pk)))
        assert_refused(client.post(url("unpublish", sheet.pk)))
        assert_refused(client.post(url("lock", sheet.pk)))
        sheet.refresh_from_db()
        assert sheet.live and sheet.name == "Licencia Beta" and not sheet.locked
        assert sheet.revisions.count() == 1
        assert not AuditEntry.objects.filter(agency=world["b"], actor=world["editor_a"]).exists()

    def test_editor_cannot_move_a_sheet_to_another_agency(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        response = client.post(url("edit", sheet.pk), sheet_form(sheet, agency=str(world["b"].pk)))
        assert response.status_code == 200
        assert "agency" in response.context["form"].errors
        sheet.refresh_from_db()
        assert sheet.get_latest_revision_as_object().agency == world["a"]

    def test_editor_saves_a_draft_of_own_sheet(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        response = client.post(url("edit", sheet.pk), sheet_form(sheet, name="Licencia Alfa revisada"))
        assert response.status_code == 302, response.context["form"].errors if response.context else ""
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa"  # the live row is untouched
        assert sheet.has_unpublished_changes
        assert sheet.get_latest_revision_as_object().name == "Licencia Alfa revisada"

    def test_editor_cannot_publish(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        response = client.get(url("edit", sheet.pk))
        assert 'name="action-publish"' not in response.text
        data = sheet_form(sheet, name="Publicada por el editor", **{"action-publish": "action-publish"})
        client.post(url("edit", sheet.pk), data)
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa"
        published_by_editor = AuditEntry.objects.filter(
            action="catalog.servicesheet.publish", actor=world["editor_a"]
        )
        assert not published_by_editor.exists()
        assert_refused(client.post(url("unpublish", sheet.pk)))
        sheet.refresh_from_db()
        assert sheet.live

    def test_reviewer_publishes_own_agency_sheet_with_audit(self, client, world):
        client.force_login(world["reviewer_a"])
        sheet = world["sheet_a"]
        assert 'name="action-publish"' in client.get(url("edit", sheet.pk)).text
        data = sheet_form(sheet, name="Licencia Alfa 2026", **{"action-publish": "action-publish"})
        response = client.post(url("edit", sheet.pk), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else ""
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa 2026" and sheet.live
        entry = AuditEntry.objects.get(action="catalog.servicesheet.publish", actor=world["reviewer_a"])
        assert entry.agency == world["a"] and entry.object_id == str(sheet.pk)

    def test_reviewer_unpublishes_with_audit(self, client, world):
        client.force_login(world["reviewer_a"])
        sheet = world["sheet_a"]
        response = client.post(url("unpublish", sheet.pk))
        assert response.status_code == 302
        sheet.refresh_from_db()
        assert not sheet.live
        entry = AuditEntry.objects.get(action="catalog.servicesheet.unpublish")
        assert entry.actor == world["reviewer_a"] and entry.agency == world["a"]

    def test_delete_is_audited(self, client, world):
        client.force_login(world["editor_a"])
        draft = ServiceSheetFactory(agency=world["a"], publish=False)
        assert client.post(url("delete", draft.pk)).status_code == 302
        assert not ServiceSheet.objects.filter(pk=draft.pk).exists()
        entry = AuditEntry.objects.get(action="catalog.servicesheet.delete")
        assert entry.actor == world["editor_a"] and entry.agency == world["a"]


class TestWorkflow:
    def submit(self, client, world, name="Licencia Alfa enviada"):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        data = sheet_form(sheet, name=name, **{"action-submit": "action-submit"})
        response = client.post(url("edit", sheet.pk), data)
        assert response.status_code == 302
        sheet.refresh_from_db()
        return sheet

    def test_sheets_use_the_agency_review_workflow(self, world):
        workflow = world["sheet_a"].get_workflow()
        assert workflow is not None and workflow.active
        assert isinstance(workflow.tasks.get().specific, AgencyReviewTask)

    def test_submit_then_reviewer_of_the_agency_approves_and_publishes(self, client, world):
        sheet = self.submit(client, world)
        state = WorkflowState.objects.for_instance(sheet).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert sheet.name == "Licencia Alfa"  # not published yet
        # While in review, the editor who submitted may not change it.
        task = state.current_task_state.task.specific
        assert task.locked_for_user(sheet, world["editor_a"])
        task_state = state.current_task_state
        client.force_login(world["reviewer_a"])
        response = client.post(url("workflow_action", sheet.pk, "approve", task_state.pk), {"comment": ""})
        assert response.status_code == 302
        sheet.refresh_from_db()
        assert sheet.live and sheet.name == "Licencia Alfa enviada"
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_APPROVED
        actions = list(
            AuditEntry.objects.filter(object_id=str(sheet.pk), agency=world["a"])
            .values_list("action", "actor")
        )
        assert ("catalog.servicesheet.submit", world["editor_a"].pk) in actions
        assert ("catalog.servicesheet.approve", world["reviewer_a"].pk) in actions
        assert ("catalog.servicesheet.publish", world["reviewer_a"].pk) in actions

    def test_reviewer_of_another_agency_cannot_approve(self, client, world):
        sheet = self.submit(client, world)
        task_state = TaskState.objects.get(workflow_state__object_id=str(sheet.pk))
        task = task_state.task.specific
        assert task.get_actions(sheet, world["reviewer_b"]) == []
        assert task.get_actions(sheet, world["reviewer_a"])
        assert list(task.get_task_states_user_can_moderate(world["reviewer_b"])) == []
        assert list(task.get_task_states_user_can_moderate(world["reviewer_a"])) == [task_state]
        client.force_login(world["reviewer_b"])
        for action in ("approve", "reject"):
            action_url = url("workflow_action", sheet.pk, action, task_state.pk)
            assert_refused(client.post(action_url, {"comment": "no"}))
        with pytest.raises(PermissionDenied):  # checked by the task itself, not only by the view
            task.on_action(task_state, world["reviewer_b"], "approve")
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa"
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_IN_PROGRESS

    def test_reviewer_requests_changes(self, client, world):
        sheet = self.submit(client, world)
        task_state = TaskState.objects.get(workflow_state__object_id=str(sheet.pk))
        client.force_login(world["reviewer_a"])
        response = client.post(
            url("workflow_action", sheet.pk, "reject", task_state.pk), {"comment": "Falta el costo"}
        )
        assert response.status_code == 302
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa"
        assert WorkflowState.objects.for_instance(sheet).get().status == WorkflowState.STATUS_NEEDS_CHANGES
        entry = AuditEntry.objects.get(action="catalog.servicesheet.reject")
        assert entry.actor == world["reviewer_a"] and entry.agency == world["a"]
        assert entry.changes == {"comment": [None, "Falta el costo"]}


class TestLocking:
    def test_editor_locks_own_sheet_and_others_cannot_edit(self, client, world):
        sheet = world["sheet_a"]
        client.force_login(world["editor_a"])
        assert client.post(url("lock", sheet.pk)).status_code == 302
        sheet.refresh_from_db()
        assert sheet.locked and sheet.locked_by == world["editor_a"]
        other = staff(Role.EDITOR, world["a"], email="otro-editor@example.mx")
        client.force_login(other)
        data = sheet_form(sheet, name="Cambio bloqueado")
        client.post(url("edit", sheet.pk), data)
        sheet.refresh_from_db()
        assert sheet.get_latest_revision_as_object().name == "Licencia Alfa"


class TestGroupsFollowRoles:
    def test_roles_put_staff_in_the_catalog_groups(self, world):
        editor_groups = set(world["editor_a"].groups.values_list("name", flat=True))
        assert EDITORS_GROUP in editor_groups and REVIEWERS_GROUP not in editor_groups
        reviewer_groups = set(world["reviewer_a"].groups.values_list("name", flat=True))
        assert {EDITORS_GROUP, REVIEWERS_GROUP} <= reviewer_groups
        world["editor_a"].memberships.all().delete()
        assert not world["editor_a"].groups.filter(name=EDITORS_GROUP).exists()

    def test_only_reviewers_hold_the_publish_permission(self, world):
        def can_publish(name):
            return Group.objects.get(name=name).permissions.filter(codename="publish_servicesheet").exists()

        assert can_publish(REVIEWERS_GROUP) and not can_publish(EDITORS_GROUP)


class TestLists:
    def test_editor_manages_synonyms_with_audit(self, client, world):
        client.force_login(world["editor_a"])
        data = {"language": "es-mx", "terms": "acta\ncopia certificada"}
        response = client.post(reverse("synonym:add"), data)
        assert response.status_code == 302
        synonym = Synonym.objects.get()
        assert AuditEntry.objects.get(action="catalog.synonym.create").actor == world["editor_a"]
        response = client.post(reverse("synonym:add"), {"language": "es-mx", "terms": "solo una"})
        assert response.status_code == 200
        assert Synonym.objects.count() == 1
        assert client.post(reverse("synonym:delete", args=[synonym.pk])).status_code == 302
        assert not Synonym.objects.exists()

    def test_topics_are_changed_by_platform_administrators_only(self, client, world):
        topic = TopicFactory(name="Salud")
        client.force_login(world["editor_a"])
        assert client.get(reverse("topic:index")).status_code == 200
        assert_refused(client.get(reverse("topic:edit", args=[topic.pk])))
        data = {"name": "Salud pública", "name_en": "", "slug": topic.slug, "slug_en": "", "description": "",
                "description_en": "", "sort_order": "0"}
        assert_refused(client.post(reverse("topic:edit", args=[topic.pk]), data))
        topic.refresh_from_db()
        assert topic.name == "Salud"
        client.force_login(staff(Role.PLATFORM_ADMIN))
        assert client.post(reverse("topic:edit", args=[topic.pk]), data).status_code == 302
        assert Topic.objects.get(pk=topic.pk).name == "Salud pública"
        assert AuditEntry.objects.filter(action="catalog.topic.update").exists()


class TestPreview:
    def test_editor_previews_the_draft_as_the_public_page(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        preview_url = url("preview_on_edit", sheet.pk)
        response = client.post(preview_url, sheet_form(sheet, name="Licencia Alfa en borrador"))
        assert response.json()["is_valid"]
        response = client.get(preview_url)
        assert response.status_code == 200
        assert "Licencia Alfa en borrador" in response.content.decode()
        sheet.refresh_from_db()
        assert sheet.name == "Licencia Alfa"

    def test_other_agency_sheet_cannot_be_previewed(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_b"]
        assert_refused(client.post(url("preview_on_edit", sheet.pk), sheet_form(sheet)))


class TestDeletion:
    def test_editor_cannot_delete_a_live_sheet(self, client, world):
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        assert_refused(client.post(url("delete", sheet.pk)))
        assert ServiceSheet.objects.filter(pk=sheet.pk).exists()


class TestTranslationScreens:
    def test_translation_of_another_agency_sheet_is_refused(self, client, world):
        english_locale()
        client.force_login(world["editor_a"])
        submit_url = f"/admin/localize/submit/snippet/catalog/servicesheet/{world['sheet_b'].pk}/"
        assert_refused(client.get(submit_url))
        en = Locale.objects.get(language_code="en")
        assert_refused(client.post(submit_url, {"locales": [en.pk]}))
        assert ServiceSheet.objects.filter(translation_key=world["sheet_b"].translation_key).count() == 1

    def test_editor_translates_own_sheet_from_the_back_office(self, client, world):
        en = english_locale()
        client.force_login(world["editor_a"])
        sheet = world["sheet_a"]
        submit_url = f"/admin/localize/submit/snippet/catalog/servicesheet/{sheet.pk}/"
        assert client.get(submit_url).status_code == 200
        response = client.post(submit_url, {"locales": [en.pk]})
        assert response.status_code == 302
        translated = ServiceSheet.objects.get(translation_key=sheet.translation_key, locale=en)
        assert translated.agency == world["a"]
        assert client.get(url("edit", translated.pk)).status_code == 200
        client.force_login(world["reviewer_b"])
        assert_refused(client.get(url("edit", translated.pk)))
