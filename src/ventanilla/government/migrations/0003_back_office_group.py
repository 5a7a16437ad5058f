"""The group that lets staff enter the Wagtail back office.

Wagtail admits a user to /admin/ only with the `wagtailadmin.access_admin` permission. Staff
get it through this group, which government.services adds them to when they receive their
first role (Membership) and removes them from when their last role is revoked; what they
may see and do inside is decided by government.access, not by group permissions.
"""

from django.db import migrations

GROUP_NAME = "Back office"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(access_admin)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("government", "0002_structure_active_and_clusters"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
