"""Wagtail's group screens, saving a group's model permissions in one change.

Wagtail's GroupForm sets the permissions its screen shows, which removes any the screen does not
show (those of models without an admin panel), then adds those back. The audit log
(permission_audit) would record that as a removal and an addition of permissions nobody touched.
Here the form sets the shown and the hidden ones together: Django's `set` changes only the
difference, so the log has exactly what the administrator changed. Installed through
`apps.WagtailUsersConfig.group_viewset`, which INSTALLED_APPS names instead of wagtail.users.
"""

from wagtail.users.forms import GroupForm
from wagtail.users.views.groups import GroupViewSet


class AuditedGroupForm(GroupForm):
    def save(self, commit=True):
        if self.instance.pk is not None and "permissions" in self.cleaned_data:
            hidden = self.instance.permissions.exclude(pk__in=self.registered_permissions)
            self.cleaned_data["permissions"] = [*self.cleaned_data["permissions"], *hidden]
        # GroupForm.save then adds the hidden ones again: they are all there, so nothing changes.
        return super().save(commit=commit)


class AuditedGroupViewSet(GroupViewSet):
    def get_form_class(self, for_update=False):
        return AuditedGroupForm

