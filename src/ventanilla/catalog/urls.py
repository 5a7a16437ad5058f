"""Public catalog pages, included at "" inside i18n_patterns (Spanish at /..., English at /en/...).

The paths are Spanish in both languages (/en/tramites/...): one URL scheme, and the language
prefix alone tells the language, so switching language keeps the path.
"""

from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("tramites/", views.index, name="index"),
    path("tramites/sugerencias/", views.suggestions, name="suggestions"),
    path("tramites/<slug:slug>/", views.sheet_detail, name="sheet"),
    path("temas/<slug:slug>/", views.topic, name="topic"),
    path("momentos-de-vida/<slug:slug>/", views.life_event, name="life_event"),
    path("para/<slug:slug>/", views.segment, name="segment"),
    path("dependencias/", views.agencies, name="agencies"),
    path("dependencias/<slug:slug>/", views.agency, name="agency"),
    path("mapa-del-sitio/", views.sitemap_html, name="sitemap_html"),
]
