"""Shared API pieces."""


def only_our_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema documents our /api/ and nothing else."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
