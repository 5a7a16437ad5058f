"""Changes to editorial content.

Drafts are saved by Wagtail's snippet editor as revisions; what changes what citizens see goes
through government.editorial's services (`publish`, `unpublish`: one transaction, the object's
policy asked for its agency) or Wagtail's own actions (workflow, scheduled publishing, delete),
which government.editorial's signal handlers audit with the content's agency.
"""

from ventanilla.government import editorial

from .models import Banner, HeadWelcome, LibraryDocument, NewsItem, ServiceCharter

# The fields each audit entry records.
AUDIT_FIELDS = {
    NewsItem: ["title", "slug", "agency", "published_on", "live", "go_live_at", "expire_at"],
    Banner: ["title", "agency", "starts_on", "ends_on", "priority", "live", "go_live_at", "expire_at"],
    HeadWelcome: ["name", "title", "live", "go_live_at", "expire_at"],
    ServiceCharter: ["title", "agency", "valid_from", "valid_until", "live", "go_live_at", "expire_at"],
    LibraryDocument: ["title", "kind", "agency", "document", "language", "live", "go_live_at", "expire_at"],
}

publish = editorial.publish
unpublish = editorial.unpublish


def connect_signals() -> None:
    """Called from ContentConfig.ready()."""
    for model, fields in AUDIT_FIELDS.items():
        editorial.register(model, fields)
