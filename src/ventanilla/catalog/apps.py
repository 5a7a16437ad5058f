from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "ventanilla.catalog"
    label = "catalog"
    verbose_name = _("Catalog of procedures and services")

    def ready(self):
        # Permission policies first: Wagtail refuses one once it has handed out a default.
        from . import permissions, services

        permissions.register()
        permissions.connect_signals()
        services.connect_signals()
        # Publishing and taxonomy changes empty the public page cache.
        from . import cache

        cache.connect_signals()
        # Each web process hands its view counters over after a response (catalog.popularity).
        from . import popularity

        popularity.connect_signals()
        # The demo catalog, loaded by `manage.py load_demo` after the government structure.
        from ventanilla.core import demo

        from .demo_data import load as load_demo_catalog

        demo.register("catalog", load_demo_catalog, order=50)
