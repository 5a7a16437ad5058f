"""Each agency's Wagtail collection for its images and documents (government.media).

The collections themselves are created by government.media.ensure_collections() after every
`migrate` (treebeard's tree methods are not available on a migration's historical models).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('government', '0003_back_office_group'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='agency',
            name='collection',
            field=models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='agency', to='wagtailcore.collection', verbose_name='media collection'),
        ),
    ]
