"""/api/v1/: the read-only catalog API and the open-data exports (included outside i18n_patterns)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import exports, views

app_name = "catalog-api"

router = SimpleRouter()
router.register("sheets", views.SheetViewSet, basename="sheet")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("life-events", views.LifeEventViewSet, basename="life-event")
router.register("segments", views.SegmentViewSet, basename="segment")

urlpatterns = [
    path("catalog/cpsv.jsonld", exports.cpsv_catalog, name="cpsv-catalog"),
    path("catalog/cpsv/<uuid:key>.jsonld", exports.cpsv_sheet, name="cpsv-sheet"),
    path("catalog/export.csv", exports.export_csv, name="export-csv"),
    path("catalog/export.json", exports.export_json, name="export-json"),
    path("", include(router.urls)),
]
