"""The read-only catalog API (/api/v1/) and its open-data exports."""
