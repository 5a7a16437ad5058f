from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ventanilla.search"
    label = "search"
    verbose_name = _("Catalog search")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from ventanilla.government.access import Action
        from ventanilla.government.backoffice import AccessPolicy

        from . import signals
        from .models import ZeroResultSearch

        signals.connect()
        post_migrate.connect(refill_empty_index, sender=self, dispatch_uid="ventanilla.search.refill")
        # Read-only and not tied to an agency: every content editor reads what citizens
        # searched for in vain, to fill the gaps with sheets, keywords or synonyms.
        register_permission_policy(
            ZeroResultSearch,
            AccessPolicy(ZeroResultSearch, view=Action.EDIT_CONTENT, platform_wide=True),
            exact_class=True,
        )


def refill_empty_index(sender, using="default", plan=None, **kwargs):
    """After `migrate` (and after a test database flush, which sends post_migrate too): an
    empty SearchDocument table means the index was reshaped by a migration (the index is derived
    data, see migrations/0004) or flushed. Clear the full-text tables, which are not models and
    which a flush leaves behind, and rebuild from the live sheets, so no manual step is needed."""
    from django.db import connections

    from ventanilla.catalog.models import ServiceSheet

    from .backends import get_backend
    from .models import SearchDocument
    from .services import rebuild_index

    if using != "default" or connections[using].vendor not in ("sqlite", "postgresql"):
        return
    if any(backwards for _migration, backwards in plan or ()):
        return  # migrated back: the tables are older than this code, which would fill them wrong
    if SearchDocument.objects.exists():
        return
    get_backend().clear()
    if ServiceSheet.objects.filter(live=True).exists():
        rebuild_index()
