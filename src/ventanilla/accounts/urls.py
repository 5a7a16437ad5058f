"""Account URLs under /cuenta/: our pages namespaced "accounts:", allauth's with their own names.

allauth reverses its URL names ("account_login", "mfa_index"...) without a namespace, so it is
included as is, next to our namespaced patterns.
"""

from django.urls import include, path

from . import views

account_patterns = [
    path("perfil/", views.profile, name="profile"),
    path("aviso-de-privacidad/", views.privacy_notice, name="privacy"),
    path("mis-datos/", views.export_data, name="export"),
    path("eliminar/", views.delete_account, name="delete"),
]

urlpatterns = [
    path("", include((account_patterns, "accounts"))),
    path("", include("allauth.urls")),
]
