"""Ventanilla: a one-stop shop for government services."""
