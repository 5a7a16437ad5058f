from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernmentConfig(AppConfig):
    name = "ventanilla.government"
    label = "government"
    verbose_name = _("Government structure")

    def ready(self):
        from . import policies

        policies.register()
