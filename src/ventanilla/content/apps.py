from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "ventanilla.content"
    label = "content"
    verbose_name = _("News, banners, charters and documents")

    def ready(self):
        # Permission policies first: Wagtail refuses one once it has handed out a default.
        from . import permissions, services

        permissions.register()
        services.connect_signals()
        # Publishing, unpublishing or deleting content empties the public page cache.
        from ventanilla.catalog import cache

        from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter

        cache.connect_editorial(NewsItem, Banner, HeadWelcome, ServiceCharter, LibraryDocument)
        # The demo content, loaded by `manage.py load_demo` after the catalog it links to.
        from ventanilla.core import demo

        from .demo_data import load as load_demo_content

        demo.register("content", load_demo_content, order=60)
