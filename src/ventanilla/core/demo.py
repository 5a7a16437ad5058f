"""A registry of demonstration-data loaders, so `manage.py load_demo` loads every app's demo data.

Apps register their loader in `AppConfig.ready()`; the command runs them by `order` (lower first).
The registry lives in core so that no app imports another just to load its demo data: the
government structure loads first (order 10), the catalog that refers to it afterwards.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

Loader = Callable[[TextIO], None]


@dataclass(frozen=True)
class DemoLoader:
    name: str
    loader: Loader
    order: int


_loaders: dict[str, DemoLoader] = {}


def register(name: str, loader: Loader, order: int = 100) -> None:
    """Register `loader(stdout)` under `name`; registering a name again replaces it (ready() may rerun)."""
    _loaders[name] = DemoLoader(name, loader, order)


def registered() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda item: (item.order, item.name))


def run_all(stdout: TextIO) -> list[str]:
    """Run every registered loader in order; return their names."""
    names = []
    for item in registered():
        item.loader(stdout)
        names.append(item.name)
    return names
