#!/usr/bin/env python3
"""Fill a catalogue from a Python dict of translations (msgid -> msgstr), keeping existing ones.

    python scripts/apply_translations.py translations/fr/LC_MESSAGES/messages.po my_fr.py
The dict file defines FR = {...}; plural entries use (singular, plural) tuples as keys and values.
Prints the msgids still untranslated.
"""

import runpy
import sys

from babel.messages.pofile import read_po, write_po

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
with open(po_path, "wb") as f:
    write_po(f, catalog, width=100)
print("\n".join(map(repr, missing)) or "complete")
