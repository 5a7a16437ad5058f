"""Moderation of agency content (service sheets, news, banners, charters, library documents): an
editor submits, a reviewer of the content's own agency approves.

Wagtail's stock GroupApprovalTask asks "is the user in one of these groups?", which cannot say
*which agency* a reviewer reviews for. AgencyReviewTask asks government.access instead: only a
user with Action.REVIEW_CONTENT in the sheet's agency (or a platform administrator) may see the
approve / request-changes actions, edit the sheet while it is in review, or lock it. Everyone
else finds the sheet locked until the review ends.

Migration 0003 creates the default workflow with this task and assigns it to ServiceSheet; the
content app's migrations assign the same workflow to its models.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import LockableMixin, Task, TaskState

from ventanilla.government import access
from ventanilla.government.access import ALL, Action


def _agency_id(obj):
    return getattr(obj, "agency_id", None)


class AgencyReviewTask(Task):
    """Approval by a reviewer of the agency the content belongs to."""

    def may_review(self, obj, user) -> bool:
        agency_id = _agency_id(obj)
        if agency_id is None:
            return access.is_platform_admin(user)
        return access.can(user, Action.REVIEW_CONTENT, agency_id)

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        # Like GroupApprovalTask: a lock held by someone who cannot review would block the review.
        if isinstance(obj, LockableMixin) and obj.locked_by_id and not self.may_review(obj, obj.locked_by):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])
        return super().start(workflow_state, user=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        # Checked here as well as by the view: nobody approves another agency's content.
        if not self.may_review(task_state.workflow_state.content_object, user):
            raise PermissionDenied("only a reviewer of the agency may act on this review")
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        return self.may_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.may_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.may_review(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.may_review(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        agencies = access.agency_ids_for(user, Action.REVIEW_CONTENT)
        if agencies is ALL:
            return states
        if not agencies:
            return TaskState.objects.none()
        # One condition per kind of content in review (sheets, news...), each on its agency.
        # Workflow states point at their object with a text id; compare text with text.
        condition = Q(pk__in=[])
        content_types = states.values_list("workflow_state__base_content_type", flat=True).distinct()
        for content_type_id in content_types:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not any(f.name == "agency" for f in model._meta.fields):
                continue
            ids = model._default_manager.filter(agency__in=agencies).annotate(
                text_pk=Cast("pk", models.CharField())
            ).values("text_pk")
            condition |= Q(
                workflow_state__base_content_type_id=content_type_id, workflow_state__object_id__in=ids
            )
        return states.filter(condition)

    @classmethod
    def get_description(cls):
        return _("Reviewers of the agency the content belongs to approve it")

    class Meta:
        verbose_name = _("agency review task")
        verbose_name_plural = _("agency review tasks")
