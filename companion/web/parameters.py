"""Every parameter a request brings, form fields and query string alike, without control characters:
one filter, before any form, view or the database sees them."""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items

from companion.plain_text import without_controls


def _clean(value):
    return without_controls(value) if isinstance(value, str) else value  # uploaded files as they are


class CleanParameters(ImmutableMultiDict):
    def __init__(self, mapping=None):
        super().__init__([(_clean(k), _clean(v)) for k, v in iter_multi_items(mapping or ())])


class CompanionRequest(Request):
    parameter_storage_class = CleanParameters
