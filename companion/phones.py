"""Phone numbers as tel: links."""

import re


def tel_uri(phone: str) -> str:
    """tel: URI for a French number as written in the directory ("01 42 11 61 83" -> tel:+33142116183)."""
    digits = re.sub(r"[^\d+]", "", phone)
    if re.fullmatch(r"0\d{9}", digits):
        digits = "+33" + digits[1:]
    return f"tel:{digits}"


def clean_phone(text: str) -> str | None:
    """A phone number as a person typed it, tidied; None if it can't be one (3 to 15 digits)."""
    text = " ".join(text.split())
    if not re.fullmatch(r"\+?[\d .\-()]{3,24}", text):
        return None
    digits = re.sub(r"\D", "", text)
    return text if 3 <= len(digits) <= 15 else None


def is_premium_rate(phone: str) -> bool:
    """French special-rate numbers (08 1x to 08 9x, but 08 0x is free): they cost more than a normal call."""
    return re.fullmatch(r"08[1-9]\d{7}", re.sub(r"\D", "", phone)) is not None
