"""Lines people call to talk to someone, and what the Ligue contre le cancer offers everywhere.

Only facts with a source in shared/reference/helplines.md: a number without one is never shown (the old
"Cancer Info" number could not be confirmed, so it is not here). Each is shown with its source and date.
"""

from dataclasses import dataclass

from companion.translatable import N_


@dataclass(frozen=True)
class Helpline:
    key: str
    organisation: str  # a French proper name: shown as it is, marked as French
    line: str  # what the line is for
    number: str
    who: str  # who answers, when, what it costs
    source: str  # where the number was read, and when (a citation: shown as it is)
    for_caregivers: bool = False


HELPLINES = (
    Helpline(
        "ligue",
        "Ligue contre le cancer",
        N_("someone to listen"),
        "0 800 940 939",
        N_("Psychologists answer, from the diagnosis on. Free, confidential and anonymous."),
        "ligue-cancer.net, 2023",
    ),
    Helpline(
        "avec-nos-proches",
        "Avec nos proches",
        N_("a line for caregivers"),
        "01 84 72 94 72",
        N_("Former caregivers, trained as volunteers, answer every day from 8 am to 10 pm. The price of a local call."),
        "paris.fr, 22/09/2023",
        for_caregivers=True,
    ),
)

LIGUE = "Ligue contre le cancer"
LIGUE_SUPPORTIVE_CARE = N_(
    "The %(ligue)s has 103 departmental committees and more than 400 places where it offers "
    "free supportive care (adapted physical activity, psychological support, diet advice, socio-aesthetic care) "
    "to people who are or have been ill, and to their loved ones."
)
# The same in a line, for the printed sheet (one page).
LIGUE_SUPPORTIVE_CARE_SHORT = N_(
    "The %(ligue)s offers free supportive care in more than 400 places (103 departmental committees), "
    "to people who are or have been ill and to their loved ones."
)
LIGUE_URL = "https://www.ligue-cancer.net"
LIGUE_SOURCE = "ligue-cancer.net, 2023"  # its pages "Des soins de support pour mieux vivre" and a 2023 news item
