"""Phone numbers as tel: links."""

import re


def tel_uri(phone: str) -> str:
    """tel: URI for a French number as written in the directory ("01 42 11 61 83" -> tel:+33142116183)."""
    digits = re.sub(r"[^\d+]", "", phone)
    if re.fullmatch(r"0\d{9}", digits):
        digits = "+33" + digits[1:]
    return f"tel:{digits}"
