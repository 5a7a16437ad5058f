#!/usr/bin/env python
"""Django's command-line utility for Ventanilla."""

import os
import sys
from pathlib import Path


def main():
    # The code lives under src/ (an application, not an installed package).
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ventanilla.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
