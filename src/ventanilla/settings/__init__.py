"""Settings profiles: base (shared), dev (default), test, production.

Every value that differs between deployments is read from the environment through
``ventanilla.settings.env`` with an embedded default, so a fresh checkout runs as is.
"""
