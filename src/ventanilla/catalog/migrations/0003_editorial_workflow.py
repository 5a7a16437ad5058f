"""The editorial set-up of the catalog.

- The English locale, so sheets can be translated (Spanish, the default, exists already).
- The "Agency review" workflow (one AgencyReviewTask) assigned to ServiceSheet: editors submit,
  reviewers of the sheet's agency approve (see catalog.workflows).
- The groups "Catalog editors" and "Catalog reviewers" holding the model permissions some
  Wagtail and wagtail-localize screens check to show their buttons (see catalog.permissions;
  what a user may really do is still decided by government.access).
"""

from django.db import migrations

EDITORS = "Catalog editors"
REVIEWERS = "Catalog reviewers"
WORKFLOW = "Agency review"
TASK = "Review by the agency"
EDITOR_ACTIONS = ["add", "change", "delete", "view", "lock"]
REVIEWER_ACTIONS = [*EDITOR_ACTIONS, "publish", "unlock"]


def set_up(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Locale = apps.get_model("wagtailcore", "Locale")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    AgencyReviewTask = apps.get_model("catalog", "AgencyReviewTask")

    Locale.objects.get_or_create(language_code="en")

    sheet_type, _ = ContentType.objects.get_or_create(app_label="catalog", model="servicesheet")
    task_type, _ = ContentType.objects.get_or_create(app_label="catalog", model="agencyreviewtask")
    task = AgencyReviewTask.objects.filter(name=TASK).first()
    if task is None:
        task = AgencyReviewTask.objects.create(name=TASK, content_type=task_type, active=True)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(content_type=sheet_type, defaults={"workflow": workflow})

    def permissions(actions):
        result = []
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=sheet_type, codename=f"{action}_servicesheet",
                defaults={"name": f"Can {action} service sheet"},
            )
            result.append(permission)
        return result

    localize_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    submit_translation, _ = Permission.objects.get_or_create(
        content_type=localize_type, codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    for name, actions in ((EDITORS, EDITOR_ACTIONS), (REVIEWERS, REVIEWER_ACTIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(actions), submit_translation)


def tear_down(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS]).delete()
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__app_label="catalog", content_type__model="servicesheet"
    ).delete()
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("catalog", "AgencyReviewTask").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_review_task_and_popularity"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
