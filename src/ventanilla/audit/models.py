"""The audit log: an append-only record of every state change.

Append-only is enforced twice: the model refuses to update or delete an entry, and database
triggers (SQLite and PostgreSQL, see migration 0002) refuse UPDATE and DELETE statements that
bypass the ORM. References to users and agencies carry no database constraint, so deleting a
user account (ARCO cancellation) or an agency never has to rewrite history.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ventanilla.core.channels import Channel


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("audit entries are append-only")

    def delete(self):
        raise TypeError("audit entries are append-only")


class AuditEntry(models.Model):
    timestamp = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
    )
    # A snapshot, so the entry still says who acted after the account is gone.
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True, editable=False)
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
    )
    action = models.CharField(_("action"), max_length=100, db_index=True, editable=False)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.PROTECT,
        editable=False,
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True, editable=False)
    object_repr = models.CharField(_("object"), max_length=255, blank=True, editable=False)
    agency = models.ForeignKey(
        "government.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        editable=False,
    )
    changes = models.JSONField(_("what changed"), default=dict, blank=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, editable=False)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True, editable=False)
    request_id = models.CharField(_("request id"), max_length=64, blank=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["agency", "-timestamp"], name="audit_agency_time_idx"),
            models.Index(fields=["actor", "-timestamp"], name="audit_actor_time_idx"),
        ]
        default_permissions = ("view",)

    def __str__(self):
        who = self.actor_label or "-"
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {who} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit entries are append-only")
