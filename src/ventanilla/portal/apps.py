from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ventanilla.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .branding import connect_signals

        connect_signals()
