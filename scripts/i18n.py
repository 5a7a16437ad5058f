#!/usr/bin/env python
"""Message catalogs, with Babel (no GNU gettext needed).

    python scripts/i18n.py extract [APP ...]  # update the catalogs (all, or these apps; "project" is
                                              # src/ventanilla/locale) from the sources; new entries are empty
    python scripts/i18n.py compile   # .po -> .mo (the .mo files are build output, not committed)
    python scripts/i18n.py check     # list entries that are untranslated, fuzzy or obsolete; exit 1 if any

Each app keeps its own catalog in src/ventanilla/<app>/locale/; the site-wide templates
(src/ventanilla/jinja2/) and settings use src/ventanilla/locale/. Message ids are English;
the es_MX catalog must translate every one of them, the English one needs no catalog.
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

SRC = Path(__file__).resolve().parent.parent / "src" / "ventanilla"
LOCALES = ["es_MX"]
DOMAIN = "django"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
SKIP_PARTS = {"tests", "migrations", "locale", "static", "__pycache__"}
METHOD_MAP = [("**.py", "python"), ("**/jinja2/**.html", "jinja2.ext:babel_extract"),
              ("**/jinja2/**.txt", "jinja2.ext:babel_extract"),
              ("jinja2/**.html", "jinja2.ext:babel_extract")]
OPTIONS = {"**/jinja2/**": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"},
           "jinja2/**": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}


def catalog_roots() -> list[tuple[Path, list[Path]]]:
    """(locale dir, source dirs) for every catalog."""
    apps = sorted(p for p in SRC.iterdir() if (p / "apps.py").exists())
    roots = [(app / "locale", [app]) for app in apps]
    project_sources = [SRC / "jinja2", SRC / "settings", SRC / "urls.py", SRC / "jinja2_env.py"]
    roots.append((SRC / "locale", [p for p in project_sources if p.exists()]))
    return roots


def _skip(filename: str) -> bool:
    return bool(SKIP_PARTS.intersection(Path(filename).parts))


def extract_sources(sources: list[Path]) -> Catalog:
    template = Catalog(project="Ventanilla", domain=DOMAIN, fuzzy=False)
    for source in sources:
        if source.is_file():
            base, files = source.parent, [source]
        elif source.name == "jinja2":
            # The site-wide templates: walk from their parent so the "jinja2/**" patterns match,
            # entering only this folder.
            base, files = source.parent, None
        else:
            base, files = source, None

        def keep(directory, source=source, base=base):
            path = Path(directory)
            if base != source and not path.is_relative_to(source):
                return False
            return not _skip(directory) and path.name not in SKIP_PARTS

        for filename, lineno, message, comments, context in extract_from_dir(
            base, METHOD_MAP, OPTIONS, KEYWORDS, directory_filter=keep,
        ):
            path = base / filename
            if files is not None and path not in files:
                continue
            if _skip(filename):
                continue
            template.add(message, None, [(str(path.relative_to(SRC)), lineno)],
                         auto_comments=comments, context=context)
    return template


def po_path(locale_dir: Path, locale: str) -> Path:
    return locale_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(only: list[str]) -> None:
    for locale_dir, sources in catalog_roots():
        name = "project" if locale_dir.parent == SRC else locale_dir.parent.name
        if only and name not in only:
            continue
        template = extract_sources(sources)
        if not len(template) and not locale_dir.exists():
            continue
        for locale in LOCALES:
            path = po_path(locale_dir, locale)
            if path.exists():
                with path.open("rb") as fh:
                    catalog = read_po(fh, locale=locale)
                catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
                catalog.obsolete.clear()
            else:
                catalog = Catalog(locale=locale, domain=DOMAIN, project="Ventanilla", fuzzy=False)
                catalog.update(template, no_fuzzy_matching=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, catalog, width=100, sort_output=False, omit_header=False)
            print(f"{path.relative_to(SRC.parent.parent)}: {len(catalog)} messages")


def iter_catalogs():
    for locale_dir, _sources in catalog_roots():
        for locale in LOCALES:
            path = po_path(locale_dir, locale)
            if path.exists():
                with path.open("rb") as fh:
                    yield path, read_po(fh, locale=locale)


def compile_all() -> None:
    for path, catalog in iter_catalogs():
        with path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def problems() -> list[str]:
    """Untranslated or fuzzy entries, and sources with strings but no catalog."""
    found = []
    for path, catalog in iter_catalogs():
        rel = path.relative_to(SRC.parent.parent)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple | list) else [message.string]
            if message.fuzzy:
                found.append(f"{rel}: fuzzy: {message.id!r}")
            elif not all(strings):
                found.append(f"{rel}: untranslated: {message.id!r}")
    for locale_dir, sources in catalog_roots():
        template = extract_sources(sources)
        for locale in LOCALES:
            path = po_path(locale_dir, locale)
            known = set()
            if path.exists():
                with path.open("rb") as fh:
                    known = {m.id if not isinstance(m.id, tuple) else m.id[0] for m in read_po(fh) if m.id}
            for message in template:
                key = message.id if not isinstance(message.id, tuple) else message.id[0]
                if message.id and key not in known:
                    rel = path.relative_to(SRC.parent.parent)
                    found.append(f"{rel}: missing (run `python scripts/i18n.py extract`): {key!r}")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "extract":
        extract(argv[2:])
    elif command == "compile":
        compile_all()
    elif command == "check":
        issues = problems()
        for line in issues:
            print(line)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
