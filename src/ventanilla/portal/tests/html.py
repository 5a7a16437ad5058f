"""A small HTML reader for the tests: elements with their attributes and text, no dependency."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = {name: (value if value is not None else "") for name, value in attrs}
        self.text = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


def parse(html: str) -> list[Element]:
    """Every element of `html`, in document order; `text` is all the text inside it."""
    collector = _Collector()
    collector.feed(str(html))
    return collector.elements


def find_all(html: str, tag: str | None = None, **attrs) -> list[Element]:
    """Elements with this tag and these attribute values (`class_` matches one class)."""
    wanted_class = attrs.pop("class_", None)  # and for_ is "for", aria_current "aria-current"
    found = []
    for element in parse(html):
        if tag and element.tag != tag:
            continue
        if wanted_class and wanted_class not in element.classes:
            continue
        names = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        if any(element.attrs.get(name) != value for name, value in names.items()):
            continue
        found.append(element)
    return found


def find(html: str, tag: str | None = None, **attrs) -> Element:
    """The one element matching; fails the test when there are none or several."""
    found = find_all(html, tag, **attrs)
    assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)} in:\n{html}"
    return found[0]
