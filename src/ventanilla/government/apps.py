from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class GovernmentConfig(AppConfig):
    # The default for "ventanilla.government": this module has a second config (wagtail.users').
    default = True
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


class WagtailUsersConfig(WagtailUsersAppConfig):
    """wagtail.users with its group screens saving permissions in one change (groups.py)."""

    group_viewset = "ventanilla.government.groups.AuditedGroupViewSet"
