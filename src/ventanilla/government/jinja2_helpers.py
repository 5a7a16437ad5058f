"""Template helpers for offices (registered by ventanilla.jinja2_env)."""

import json


def office_anchor(office) -> str:
    """`{{ office_anchor(office) }}` — the id of an office's entry in a page's text list of offices."""
    return f"office-{office.pk}"


def office_map_points(offices) -> str:
    """`{{ office_map_points(offices) }}` — JSON of the offices that have coordinates, for the map.

    `offices` holds Office objects or rows with an `office` attribute (catalog's OfficeView).
    Each point links to the office's entry in the text list, which stays the primary content.
    """
    points = []
    for row in offices:
        office = getattr(row, "office", row)
        if office.latitude is None or office.longitude is None:
            continue
        parts = (office.street, office.neighbourhood, office.municipality, office.state, office.postal_code)
        address = ", ".join(part for part in parts if part)
        points.append(
            {
                "name": office.localized("name"),
                "address": address,
                "lat": float(office.latitude),
                "lng": float(office.longitude),
                "anchor": office_anchor(office),
            }
        )
    return json.dumps(points, ensure_ascii=False) if points else ""


GLOBALS = {"office_anchor": office_anchor, "office_map_points": office_map_points}
