"""Public pages of editorial content, included at "" inside i18n_patterns (Spanish at /..., English
at /en/...). Paths are Spanish in both languages, as the catalog's: the prefix tells the language."""

from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("noticias/", views.news_index, name="news_index"),
    path("noticias/<slug:slug>/", views.news_detail, name="news_detail"),
    path("documentos/", views.documents, name="documents"),
]
