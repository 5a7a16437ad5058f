"""The project's URLs plus a page that queues messages, for the layout tests."""

from django.contrib import messages
from django.shortcuts import render
from django.urls import path

from ventanilla.urls import urlpatterns as project_urlpatterns


def page_with_messages(request):
    messages.success(request, "Your changes were saved.")
    messages.error(request, "The office is closed that day.")
    return render(request, "portal/terms.html")


urlpatterns = [path("prueba-mensajes/", page_with_messages), *project_urlpatterns]
