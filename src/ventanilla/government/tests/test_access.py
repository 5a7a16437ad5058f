"""The access policy: one table of roles and actions, scoped to agencies and their sub-agencies."""

import pytest

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from ventanilla.government import access
from ventanilla.government.access import ALL, ROLE_ACTIONS, SYSTEM, Action
from ventanilla.government.models import Office, Role

from .factories import AgencyFactory, MembershipFactory, OfficeFactory, UserFactory, staff

pytestmark = pytest.mark.django_db

# What each agency role may do, written out so a change to ROLE_ACTIONS is a deliberate one.
EXPECTED = {
    Role.EDITOR: {"view_structure", "edit_content"},
    Role.REVIEWER: {"view_structure", "edit_content", "review_content"},
    Role.OFFICER: {"view_structure", "process_cases"},
    Role.SUPERVISOR: {"view_structure", "process_cases", "supervise", "manage_offices", "view_audit"},
    Role.AGENCY_ADMIN: {"view_structure", "manage_agency", "manage_offices", "manage_staff", "view_audit"},
}


class TestRoleTable:
    def test_table_is_as_documented(self):
        assert {role: {str(a) for a in actions} for role, actions in ROLE_ACTIONS.items()} == EXPECTED

    @pytest.mark.parametrize("role", list(EXPECTED))
    @pytest.mark.parametrize("action", list(Action))
    def test_agency_role_allows_exactly_its_actions_in_its_agency_only(self, role, action):
        own, other = AgencyFactory(), AgencyFactory()
        user = staff(role, own)
        allowed = str(action) in EXPECTED[role]
        assert access.can(user, action, own) is allowed
        assert access.can(user, action, other) is False
        assert access.can(user, action) is allowed

    def test_no_agency_role_manages_the_platform(self):
        assert all(Action.MANAGE_PLATFORM not in actions for actions in ROLE_ACTIONS.values())


class TestEverything:
    @pytest.mark.parametrize("action", list(Action))
    def test_platform_admin_may_do_everything_everywhere(self, action):
        user = staff(Role.PLATFORM_ADMIN)
        assert access.agency_ids_for(user, action) is ALL
        assert access.can(user, action, AgencyFactory())

    def test_superuser_may_do_everything(self):
        user = UserFactory(is_superuser=True)
        assert access.can(user, Action.MANAGE_PLATFORM)

    def test_system_actor_may_do_everything(self):
        assert access.can(SYSTEM, Action.MANAGE_PLATFORM)

    def test_anonymous_citizen_and_inactive_staff_may_do_nothing(self):
        agency = AgencyFactory()
        inactive = staff(Role.AGENCY_ADMIN, agency, is_active=False)
        for user in (AnonymousUser(), UserFactory(), inactive):
            assert not any(access.can(user, action) for action in Action)
            assert access.agencies_for(user, Action.VIEW_STRUCTURE).count() == 0


class TestScope:
    def test_scope_keeps_rows_of_the_users_agencies(self):
        own, other = AgencyFactory(), AgencyFactory()
        mine, theirs = OfficeFactory(agency=own), OfficeFactory(agency=other)
        user = staff(Role.OFFICER, own)
        rows = access.scope(Office.objects.all(), user, Action.VIEW_STRUCTURE)
        assert list(rows) == [mine]
        assert theirs not in access.scope(Office.objects.all(), user, Action.MANAGE_OFFICES)
        assert access.scope(Office.objects.all(), user, Action.MANAGE_OFFICES).count() == 0

    def test_role_in_parent_agency_covers_sub_agencies(self):
        parent = AgencyFactory()
        child = AgencyFactory(parent=parent)
        grandchild = AgencyFactory(parent=child)
        user = staff(Role.AGENCY_ADMIN, parent)
        assert set(access.agencies_for(user, Action.MANAGE_AGENCY)) == {parent, child, grandchild}
        child_admin = staff(Role.AGENCY_ADMIN, child)
        assert not access.can(child_admin, Action.MANAGE_AGENCY, parent)

    def test_roles_add_up(self):
        a, b = AgencyFactory(), AgencyFactory()
        user = staff(Role.EDITOR, a)
        MembershipFactory(user=user, agency=b, role=Role.OFFICER)
        assert access.agency_ids_for(user, Action.VIEW_STRUCTURE) == {a.pk, b.pk}
        assert access.agency_ids_for(user, Action.EDIT_CONTENT) == {a.pk}

    def test_answers_are_cached_on_the_user(self, django_assert_num_queries):
        agency = AgencyFactory()
        user = staff(Role.AGENCY_ADMIN, agency)
        with django_assert_num_queries(2):  # memberships, then the agency tree
            access.can(user, Action.MANAGE_STAFF, agency)
        with django_assert_num_queries(0):
            for action in Action:
                access.can(user, action, agency)

    def test_require_raises_permission_denied(self):
        user = staff(Role.OFFICER, AgencyFactory())
        with pytest.raises(PermissionDenied):
            access.require(user, Action.MANAGE_STAFF)

    def test_users_with_lists_holders_in_the_agency_and_above(self):
        parent = AgencyFactory()
        child = AgencyFactory(parent=parent)
        parent_admin = staff(Role.AGENCY_ADMIN, parent)
        child_officer = staff(Role.OFFICER, child)
        platform = staff(Role.PLATFORM_ADMIN)
        staff(Role.AGENCY_ADMIN, AgencyFactory())
        assert set(access.users_with(Action.MANAGE_STAFF, child)) == {parent_admin, platform}
        assert child_officer in access.users_with(Action.PROCESS_CASES, child)


class TestWagtailPolicy:
    def test_policy_lists_users_and_checks_instances(self):
        from wagtail.permissions import policy_registry

        own = AgencyFactory()
        office = OfficeFactory(agency=own)
        admin, officer = staff(Role.AGENCY_ADMIN, own), staff(Role.OFFICER, own)
        outsider = staff(Role.AGENCY_ADMIN, AgencyFactory())
        policy = policy_registry.get_by_type(Office)
        assert set(policy.users_with_any_permission(["change", "view"])) == {admin, officer, outsider}
        assert set(policy.users_with_permission("change")) == {admin, outsider}
        assert policy.user_has_permission_for_instance(admin, "change", office)
        assert not policy.user_has_permission_for_instance(officer, "change", office)
        assert not policy.user_has_permission_for_instance(outsider, "view", office)
        assert not policy.user_has_permission(admin, "delete")
