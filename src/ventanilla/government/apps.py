from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentConfig(AppConfig):
    name = "ventanilla.government"
    label = "government"
    verbose_name = _("Government structure")

    def ready(self):
        from ventanilla.core import demo

        from . import media, permission_audit, policies
        from .management.commands.load_demo import load_government

        policies.register()
        permission_audit.connect()
        media.register()
        media.connect_post_migrate(self)
        demo.register("government", load_government, order=10)
