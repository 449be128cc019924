"""The kinds of supportive-care resource in the directory, in plain words.

Strings are marked with N_ for extraction and translated where they are shown.
Source: ONCORIF brochure "Soins Oncologiques de Support" (shared/seeds/000), data/SOURCES.md.
"""

from dataclasses import dataclass

from companion.translatable import N_


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    short: str
    symbol: str  # letter drawn on the map marker, so the legend never relies on colour alone
    explanation: str
    national: bool = False  # listed across France, not only where the directory's region is
    # The cares (cares catalogue keys) it offers, the care ↔ kind link written here only: the first is what
    # "add to my checklist" adds from a result; a care's "find nearby" is the first kind offering it.
    offers: tuple[str, ...] = ()
    # Not supportive care itself: never mixed into the list of resources, offered in a part of its own.
    apart: bool = False


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind(
            "sdc",
            N_("Chronic pain centre (SDC)"),
            N_("Pain"),
            "D",
            N_(
                "A hospital team that specialises in pain that lasts or is hard to relieve. "
                "Doctors, nurses and psychologists work together. "
                "You usually need a letter from your doctor to get an appointment."
            ),
            offers=("pain", "hypnoanalgesia", "intrathecal"),
        ),
        Kind(
            "eri",
            N_("Meeting and information space (ERI)"),
            N_("Information space"),
            "I",
            N_(
                "A place in the hospital where patients and their loved ones can ask questions, "
                "find documents, talk with someone and join workshops, at any stage of the illness."
            ),
            offers=("social", "carers"),
        ),
        Kind(
            "fertility",
            N_("Fertility preservation centre"),
            N_("Fertility"),
            "F",
            N_(
                "Some treatments can reduce the ability to have children. These centres can keep "
                "eggs, sperm or tissue for later, for women and for men. "
                "Ask your cancer doctor about it as early as possible, ideally before treatment starts."
            ),
            offers=("fertility",),
        ),
        Kind(
            "mis",
            N_("Health information house (MIS)"),
            N_("Health information"),
            "M",
            N_(
                "A place in some Paris public hospitals (AP-HP) where anyone can find reliable "
                "health information and meet patient associations."
            ),
            offers=("social",),
        ),
        Kind(
            "cancer_centre",
            N_("Regional cancer centre (CLCC)"),
            N_("Cancer centre"),
            "C",
            N_(
                "A hospital that only treats cancer, one of France's regional cancer centres. "
                "Every hospital authorised to treat cancer must give its patients access to supportive care: "
                "call and ask for its supportive care team (soins de support)."
            ),
            national=True,
        ),
        Kind(
            "paperwork",
            N_("Help with paperwork (France services)"),
            N_("Help with paperwork"),
            "P",
            N_(
                "A public desk where an agent helps you, free of charge, with forms and files for the Assurance "
                "Maladie (sick pay, long-term illness), the CAF, the MDPH (disability) and your pension. "
                "It is not specialised in cancer."
            ),
            national=True,
            offers=("social",),
            apart=True,
        ),
    )
}
# True everywhere, said where no fertility centre is listed within reach (décret 2022-689, in force since
# 1 June 2023: data/SOURCES.md section 4).
FERTILITY_DUTY = N_(
    "Since June 2023, every hospital authorised to treat cancer must organise fertility preservation for its "
    "patients with an authorised centre (decree 2022-689). Ask your cancer team before treatment starts."
)

# The kinds listed one by one in the directory's region(s); where they stop is the directory's coverage.
LOCAL_KINDS = tuple(k for k in KINDS.values() if not k.national)
# The kinds that help wherever the directory stops (the regional cancer centres).
HELP_KINDS = frozenset(k.key for k in KINDS.values() if k.national and not k.apart)
# The help with paperwork offered beside supportive care, where money, work or paperwork weighs.
PAPERWORK = "paperwork"


def _first_offering(apart: bool) -> dict[str, str]:
    """Care key → the first kind that offers it, among the kinds listed (apart=False) or offered apart."""
    found: dict[str, str] = {}
    for kind in KINDS.values():
        if kind.apart == apart:
            for care in kind.offers:
                found.setdefault(care, kind.key)
    return found


# A care's "find nearby": the kind that offers it, and the one offered apart beside it (help with paperwork
# beside social support); a result's "add to my checklist": the care its kind offers first.
KIND_FOR_CARE = _first_offering(apart=False)
KIND_BESIDE_CARE = _first_offering(apart=True)
CARE_FOR_KIND = {k.key: k.offers[0] for k in KINDS.values() if k.offers}

# Opening hours are given Monday to Saturday (kinds of the ANCT file), in this order.
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat")
DAY_NAMES = {
    "mon": N_("Monday"),
    "tue": N_("Tuesday"),
    "wed": N_("Wednesday"),
    "thu": N_("Thursday"),
    "fri": N_("Friday"),
    "sat": N_("Saturday"),
}

# What the list says of a marker's position: nothing when it is the address itself.
PRECISIONS = {
    "address": None,
    "establishment": N_("Position: the hospital site; the unit may be in another building."),
    "commune": N_("Position: approximate (centre of the town). The exact address is not confirmed yet."),
    "approximate": N_("Position: approximate (the street is known, the point on the map less so)."),
}
# Positions good enough to rank by distance; an entry placed at its town's centre is listed apart.
RANKED_PRECISIONS = ("address", "establishment", "approximate")

# Who an entry is for, as its source says; "any" when the source doesn't restrict it. Every entry says it.
AUDIENCES = {
    "any": N_("For everyone"),
    "adults": N_("For adults"),
    "children": N_("For children and teenagers"),
}


@dataclass(frozen=True)
class PhoneType:
    short: str
    hint: str


# What kind of line the phone number is.
PHONE_TYPES = {
    "switchboard": PhoneType(N_("switchboard"), N_("Hospital switchboard: ask for the service by name.")),
    "direct": PhoneType(N_("direct line"), N_("Direct line of the service.")),
}
