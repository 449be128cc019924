"""Optional online geocoding through geopy (France's national address service, BAN).

Off by default: the bundled gazetteer answers postcodes and communes without any network.
When on, it is asked only for what the gazetteer could not find, and its failures count as "not found".
"""

import logging

from geopy.exc import GeopyError
from geopy.geocoders import BANFrance

from companion.directory.places import Place

log = logging.getLogger(__name__)


class AddressService:
    """Finds a place the gazetteer doesn't know (a street address, a hamlet) with the BAN API."""

    def __init__(self, domain: str, scheme: str = "https", timeout: float = 3):
        self._geocoder = BANFrance(domain=domain, scheme=scheme, timeout=timeout, user_agent="companion")

    def locate(self, query: str) -> Place | None:
        try:
            location = self._geocoder.geocode(query, exactly_one=True)
        except GeopyError as exc:
            log.warning("address service unavailable: %s", type(exc).__name__)  # never the query itself
            return None
        if location is None:
            return None
        properties = location.raw.get("properties", {})
        departement = properties.get("context", "").split(",")[0].strip()
        return Place(
            properties.get("city") or location.address,
            properties.get("postcode", ""),
            departement,
            round(location.latitude, 5),
            round(location.longitude, 5),
        )


def address_service(config: dict) -> AddressService | None:
    """The service named by GEOCODER ("" for none, "ban" for the national address service)."""
    name = config.get("GEOCODER", "")
    if not name:
        return None
    if name != "ban":
        raise ValueError(f"COMPANION_GEOCODER must be empty or 'ban', not {name!r}")
    return AddressService(config["GEOCODER_DOMAIN"], config["GEOCODER_SCHEME"], float(config["GEOCODER_TIMEOUT"]))
