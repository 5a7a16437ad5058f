"""The production static build: collectstatic with hashed, compressed names must succeed.

Every url() and source-map reference in a vendored file must resolve, or the manifest storage
stops the deployment; this test runs the real command in a child process to catch that here.
"""

import json

from .helpers import production_env, run_django


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    static_root = tmp_path / "static"
    result, _log = run_django(
        """
        import io, json
        from django.core.management import call_command
        from django.contrib.staticfiles.storage import staticfiles_storage
        call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())
        print(json.dumps({
            "css": staticfiles_storage.url("vendor/uswds/css/uswds.min.css"),
            "leaflet": staticfiles_storage.url("vendor/leaflet/leaflet.js"),
        }))
        """,
        settings="ventanilla.settings.production",
        env=production_env(tmp_path, STATIC_ROOT=str(static_root)),
    )
    # Hashed names prove the post-processing ran over the vendored files.
    assert result["css"].startswith("/static/vendor/uswds/css/uswds.min.") and result["css"] != (
        "/static/vendor/uswds/css/uswds.min.css"
    )
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    assert "vendor/uswds/fonts/roboto-mono/roboto-mono-v5-latin-regular.woff2" in manifest["paths"]
