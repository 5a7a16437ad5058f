"""Django's admin (/django-admin/) for superusers only.

Staff work in the Wagtail back office (/admin/), where government.access scopes every screen
to their agencies. Django's admin knows nothing of agencies, so it is kept as a break-glass
tool for superusers: for anyone else its login page refuses entry, whatever their is_staff flag
or model permissions. Installed as `ventanilla.government.admin_site.SuperuserAdminConfig` in
place of `django.contrib.admin`.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(AdminSite):
    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "ventanilla.government.admin_site.SuperuserAdminSite"
