"""Building blocks for Wagtail back-office screens that obey government.access.

- `AccessPolicy`: a Wagtail permission policy that answers from government.access, so menus,
  buttons and Wagtail's own permission checks agree with the services.
- `AccessViewSet`: a ModelViewSet whose every view reads through the policy's scope (another
  agency's record is a 404, not merely a hidden link) and whose create / edit / delete call a
  service (so the audit log is written and permissions are checked again server-side).

Any app may use these for its own models: declare the policy with the access actions, register
it with `register_permission_policy(Model, policy, exact_class=True)` at the top of its
wagtail_hooks.py, and subclass AccessViewSet with `create_service`, `update_service` and
`delete_service`.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy

from . import access
from .access import ALL, Action
from .models import AdministrativeUnit


class AccessPolicy(BasePermissionPolicy):
    """Wagtail actions (view, add, change, delete) mapped to access actions for one model.

    `agency_field` leads from a row to its agency ("agency"); None when the model *is*
    Agency; `platform_wide=True` for reference data that belongs to no agency (jurisdictions,
    holidays), which everyone allowed to `view` sees in full. An action mapped to None is
    never allowed (e.g. deleting an office: it is deactivated instead).
    """

    def __init__(self, model, *, view: Action, add=None, change=None, delete=None,
                 agency_field: str | None = "agency", platform_wide: bool = False):
        super().__init__(model)
        self.actions = {"view": view, "add": add, "change": change, "delete": delete}
        self.agency_field = agency_field
        self.platform_wide = platform_wide

    def _mapped(self, actions):
        return [self.actions[a] for a in actions if self.actions.get(a) is not None]

    def user_has_permission(self, user, action):
        return any(access.can(user, mapped) for mapped in self._mapped([action]))

    def user_has_any_permission(self, user, actions):
        return any(access.can(user, mapped) for mapped in self._mapped(actions))

    def _agency_of(self, instance):
        if self.agency_field is None:
            return instance.pk
        return getattr(instance, f"{self.agency_field}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        mapped = self._mapped([action])
        if not mapped:
            return False
        if self.platform_wide:
            return access.can(user, mapped[0])
        agency = self._agency_of(instance)
        if agency is None:  # a platform-wide row of an agency model: platform administrators only
            return access.is_platform_admin(user)
        return access.can(user, mapped[0], agency)

    def scope(self, queryset, user, actions):
        """The rows of `queryset` on which the user may do any of `actions`."""
        mapped = self._mapped(actions)
        if not mapped:
            return queryset.none()
        if self.platform_wide:
            return queryset if any(access.can(user, a) for a in mapped) else queryset.none()
        ids = set()
        for action in mapped:
            allowed = access.agency_ids_for(user, action)
            if allowed is ALL:
                return queryset
            ids |= allowed
        lookup = "pk__in" if self.agency_field is None else f"{self.agency_field}__in"
        return queryset.filter(**{lookup: ids}) if ids else queryset.none()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope(self.model._default_manager.all(), user, actions)

    def users_with_any_permission(self, actions):
        condition = Q(pk__in=[])
        for action in self._mapped(actions):
            condition |= Q(pk__in=access.users_with(action).values("pk"))
        return get_user_model().objects.filter(condition)


class PlatformOnlyPolicy(BasePermissionPolicy):
    """Platform administrators (and superusers) may do every action except those `excluded`;
    nobody else may do anything."""

    def __init__(self, model, *, excluded=()):
        super().__init__(model)
        self.excluded = frozenset(excluded)

    def user_has_permission(self, user, action):
        return action not in self.excluded and access.can(user, Action.MANAGE_PLATFORM)

    def users_with_any_permission(self, actions):
        return access.users_with(Action.MANAGE_PLATFORM)


class AccessForm(WagtailAdminModelForm):
    """Limits agency and unit choices to the agencies where the user may do `form_action`."""

    form_action: Action = Action.MANAGE_PLATFORM

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or access.is_platform_admin(user):
            return
        agencies = access.agencies_for(user, self.form_action)
        if "agency" in self.fields:
            self.fields["agency"].queryset = agencies
        for name in ("unit", "parent"):
            field = self.fields.get(name)
            if field is not None and field.queryset.model is AdministrativeUnit:
                field.queryset = AdministrativeUnit.objects.filter(agency__in=agencies)


def _add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class _ServiceFormMixin:
    """Create and edit views: save through the service; its ValidationError goes back to the form."""

    service = None  # callable(instance, *, actor) -> instance, set by AccessViewSet

    def save_instance(self):
        return self.service(self.form.save(commit=False), actor=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            _add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class _ScopedMixin:
    def scoped(self, *actions):
        return self.permission_policy.scope(self.model._default_manager.all(), self.request.user, actions)


class IndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return self.permission_policy.scope(queryset, self.request.user, ["view"])


class CreateView(_ServiceFormMixin, generic.CreateView):
    pass


class EditView(_ServiceFormMixin, _ScopedMixin, generic.EditView):
    def get_queryset(self):
        return self.scoped("change")


class DeleteView(_ScopedMixin, generic.DeleteView):
    service = None  # callable(instance, *, actor)

    def get_queryset(self):
        return self.scoped("delete")

    def delete_action(self):
        self.service(self.object, actor=self.request.user)


class InspectView(_ScopedMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped("view"), pk=self.pk)


class HistoryView(_ScopedMixin, history.HistoryView):
    def get_base_object_queryset(self):
        return self.scoped("view")


class UsageView(_ScopedMixin, usage.UsageView):
    def get_base_object_queryset(self):
        return self.scoped("view")


class AccessViewSet(ModelViewSet):
    """A ModelViewSet scoped by its model's AccessPolicy, writing through services."""

    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView
    inspect_view_enabled = True
    copy_view_enabled = False  # a copy would bypass the create service's checks
    list_select_related: tuple[str, ...] = ()
    create_service = None
    update_service = None
    delete_service = None

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(service=self.create_service, **kwargs)

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(service=self.update_service, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(service=self.delete_service, **kwargs)

