#!/usr/bin/env python3
"""The source strings are English: copy each msgid into an empty English msgstr."""

import sys

from babel.messages.pofile import read_po, write_po

path = sys.argv[1]
with open(path, "rb") as f:
    catalog = read_po(f, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, tuple):
        if not any(message.string):
            message.string = tuple(message.id)
    elif not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
with open(path, "wb") as f:
    write_po(f, catalog, omit_header=False, width=100)
