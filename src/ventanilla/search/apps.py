from django.apps import AppConfig
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
        # Read-only and not tied to an agency: every content editor reads what citizens
        # searched for in vain, to fill the gaps with sheets, keywords or synonyms.
        register_permission_policy(
            ZeroResultSearch,
            AccessPolicy(ZeroResultSearch, view=Action.EDIT_CONTENT, platform_wide=True),
            exact_class=True,
        )
