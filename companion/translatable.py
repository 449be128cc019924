"""Marking text for translation in modules that must not depend on Flask."""


def N_(text: str) -> str:
    """Mark a string for extraction (pybabel -k N_); it is translated where it is shown."""
    return text
