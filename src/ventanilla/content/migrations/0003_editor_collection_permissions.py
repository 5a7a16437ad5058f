"""Editors upload and choose documents and images.

News images, banner images, the head's photo, charter PDFs and library files are Wagtail images
and documents, which Wagtail guards by collection, outside government.access. Editors and
reviewers (the "Catalog editors" group, kept in step with their roles by catalog.permissions) may
add and choose them in the root collection: they change or delete only the files they uploaded
themselves (Wagtail's ownership rule), and every file they can choose is a public one anyway.
"""

from django.db import migrations

GROUP = "Catalog editors"
PERMISSIONS = [
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
]


def grant(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    root = Collection.objects.filter(depth=1).first()
    group = Group.objects.filter(name=GROUP).first()
    if root is None or group is None:
        return
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def revoke(apps, schema_editor):
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(
        group__name=GROUP, permission__codename__in=[codename for _a, _m, codename, _n in PERMISSIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_editorial_workflow"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
