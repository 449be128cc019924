#!/usr/bin/env python3
"""Fill a catalogue from a Python dict of translations (msgid -> msgstr), keeping existing ones.

    python scripts/apply_translations.py translations/fr/LC_MESSAGES/messages.po my_fr.py
The dict file defines FR = {...}; plural entries use (singular, plural) tuples as keys and values.
Every French string gets French spacing (below). Prints the msgids still untranslated.
"""

import re
import runpy
import sys

from babel.messages.pofile import read_po, write_po


def french_spacing(text: str) -> str:
    """A no-break space before ':' and inside « », a narrow one before '?', '!' and ';': so the sign
    never starts a line on a narrow phone screen."""
    text = re.sub(r"[ \u00a0\u202f]*([?!;])", "\u202f\\1", text)
    text = re.sub(r"[ \u00a0\u202f]*:(?=[\s)]|$)", "\u00a0:", text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«\u00a0", text)
    return re.sub(r"[ \u00a0\u202f]*»", "\u00a0»", text)


po_path, dict_path = sys.argv[1], sys.argv[2]
table = runpy.run_path(dict_path)["FR"]
with open(po_path, "rb") as f:
    catalog = read_po(f)
missing = []
for message in catalog:
    if not message.id:
        continue
    key = tuple(message.id) if isinstance(message.id, (tuple, list)) else message.id
    if key in table:
        message.string = table[key]
        message.flags.discard("fuzzy")
    elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
        missing.append(key)
    if isinstance(message.string, tuple):
        message.string = tuple(french_spacing(s) for s in message.string)
    elif message.string:
        message.string = french_spacing(message.string)
with open(po_path, "wb") as f:
    write_po(f, catalog, width=100)
print("\n".join(map(repr, missing)) or "complete")
