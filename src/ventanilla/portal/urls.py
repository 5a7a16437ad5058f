from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accesibilidad/", views.accessibility, name="accessibility"),
    path("terminos-de-uso/", views.terms, name="terms"),
]
