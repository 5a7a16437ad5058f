from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ventanilla.search"
    label = "search"
    verbose_name = _("Catalog search")

    def ready(self):
        from . import signals

        signals.connect()
