"""Blueprints: thin views that check input, call the domain modules and render."""

from flask import current_app


def address_lookup():
    """The configured online geocoder's lookup, or None (the default: gazetteer only)."""
    service = current_app.extensions.get("address_service")
    return service.locate if service else None
