"""The editorial set-up of the content app, as catalog 0003 does for service sheets.

- The catalog's "Agency review" workflow (an AgencyReviewTask: reviewers of the content's agency
  approve) assigned to news, banners, service charters and library documents. The head's welcome
  is published directly by platform administrators.
- This app's model permissions added to the groups "Catalog editors" and "Catalog reviewers",
  which catalog.permissions keeps in step with each user's roles. They only show buttons on
  Wagtail and wagtail-localize screens: what a user may really do is decided by government.access
  through content.permissions.
"""

from django.db import migrations

EDITORS = "Catalog editors"
REVIEWERS = "Catalog reviewers"
WORKFLOW = "Agency review"
MODERATED = ["newsitem", "banner", "servicecharter", "librarydocument"]
MODELS = {
    "newsitem": "news item",
    "banner": "action-plan banner",
    "servicecharter": "service charter",
    "librarydocument": "library document",
    "headwelcome": "head's welcome",
}
EDITOR_ACTIONS = ["add", "change", "delete", "view", "lock"]
REVIEWER_ACTIONS = [*EDITOR_ACTIONS, "publish", "unlock"]


def set_up(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    types = {
        model: ContentType.objects.get_or_create(app_label="content", model=model)[0] for model in MODELS
    }
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is not None:
        for model in MODERATED:
            WorkflowContentType.objects.update_or_create(content_type=types[model], defaults={"workflow": workflow})

    def permissions(actions):
        result = []
        for model, verbose_name in MODELS.items():
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=types[model], codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {verbose_name}"},
                )
                result.append(permission)
        return result

    for name, actions in ((EDITORS, EDITOR_ACTIONS), (REVIEWERS, REVIEWER_ACTIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions(actions))


def tear_down(apps, schema_editor):
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__app_label="content", content_type__model__in=MODERATED
    ).delete()
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS]):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="content"))


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("catalog", "0003_editorial_workflow"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
