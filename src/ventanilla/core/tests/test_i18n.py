"""Every message of every es_MX catalog is translated, none is fuzzy, none is missing from a catalog."""

import importlib.util

from .helpers import REPO_ROOT


def _i18n_script():
    spec = importlib.util.spec_from_file_location("ventanilla_i18n_script", REPO_ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_es_mx_catalogs_are_complete():
    problems = _i18n_script().problems()
    assert not problems, (
        f"{len(problems)} catalog problem(s); run `python scripts/i18n.py extract <app>`, translate, "
        "then `python scripts/i18n.py compile`:\n" + "\n".join(problems)
    )
