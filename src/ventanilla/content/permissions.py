"""Who may do what with news, banners, charters, library documents and the head's welcome.

All answer from government.access through government.editorial's EditorialPolicy: editors of an
agency (Action.EDIT_CONTENT) see, draft, lock and delete drafts of its content; its reviewers
(Action.REVIEW_CONTENT) publish, unpublish and unlock. Portal-wide content (no agency) and the
head's welcome belong to platform administrators.

Some Wagtail and wagtail-localize screens ask Django's model permissions to decide which buttons
to show; migration 0002 adds this app's to the catalog's editor and reviewer groups, which
catalog.permissions keeps in step with each user's roles. Every view and service still asks the
policy (and so the agency).
"""

from wagtail.permissions import register_permission_policy

from ventanilla.government.access import Action
from ventanilla.government.editorial import EditorialPolicy

from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter

AGENCY_CONTENT = (NewsItem, Banner, ServiceCharter, LibraryDocument)


def register() -> None:
    platform = Action.MANAGE_PLATFORM
    policies = [EditorialPolicy(model) for model in AGENCY_CONTENT]
    policies.append(EditorialPolicy(HeadWelcome, edit=platform, review=platform, platform_wide=True))
    for policy in policies:
        register_permission_policy(policy.model, policy, exact_class=True)
