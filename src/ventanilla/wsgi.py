"""WSGI entry point (served by granian: `granian --interface wsgi ventanilla.wsgi:application`)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ventanilla.settings.dev")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from ventanilla.core.memory import freeze_now_and_after_warm_up  # noqa: E402 (after setup)

freeze_now_and_after_warm_up()
