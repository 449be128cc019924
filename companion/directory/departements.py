"""Départements and regions: their codes and names (for place names people type and for saying where the
directory lists entries), and which codes exist in the gazetteer.

The table below is the COG 2026 (INSEE) as shipped by @etalab/decoupage-administratif 6.0.0
(data/departements.json and data/regions.json, Licence Ouverte; see data/SOURCES.md): metropolitan France,
Corsica and the five DROM, as in the gazetteer. `chef_lieu` is the INSEE code of the prefecture.
"""

import re
from typing import NamedTuple

from sqlmodel import Session, select

from companion.directory.models import Commune


class Departement(NamedTuple):
    code: str
    name: str
    region: str  # region code (REGIONS)
    chef_lieu: str  # INSEE code of its prefecture


DEPARTEMENTS = {
    "01": Departement("01", "Ain", "84", "01053"),
    "02": Departement("02", "Aisne", "32", "02408"),
    "03": Departement("03", "Allier", "84", "03190"),
    "04": Departement("04", "Alpes-de-Haute-Provence", "93", "04070"),
    "05": Departement("05", "Hautes-Alpes", "93", "05061"),
    "06": Departement("06", "Alpes-Maritimes", "93", "06088"),
    "07": Departement("07", "Ardèche", "84", "07186"),
    "08": Departement("08", "Ardennes", "44", "08105"),
    "09": Departement("09", "Ariège", "76", "09122"),
    "10": Departement("10", "Aube", "44", "10387"),
    "11": Departement("11", "Aude", "76", "11069"),
    "12": Departement("12", "Aveyron", "76", "12202"),
    "13": Departement("13", "Bouches-du-Rhône", "93", "13055"),
    "14": Departement("14", "Calvados", "28", "14118"),
    "15": Departement("15", "Cantal", "84", "15014"),
    "16": Departement("16", "Charente", "75", "16015"),
    "17": Departement("17", "Charente-Maritime", "75", "17300"),
    "18": Departement("18", "Cher", "24", "18033"),
    "19": Departement("19", "Corrèze", "75", "19272"),
    "21": Departement("21", "Côte-d'Or", "27", "21231"),
    "22": Departement("22", "Côtes-d'Armor", "53", "22278"),
    "23": Departement("23", "Creuse", "75", "23096"),
    "24": Departement("24", "Dordogne", "75", "24322"),
    "25": Departement("25", "Doubs", "27", "25056"),
    "26": Departement("26", "Drôme", "84", "26362"),
    "27": Departement("27", "Eure", "28", "27229"),
    "28": Departement("28", "Eure-et-Loir", "24", "28085"),
    "29": Departement("29", "Finistère", "53", "29232"),
    "2A": Departement("2A", "Corse-du-Sud", "94", "2A004"),
    "2B": Departement("2B", "Haute-Corse", "94", "2B033"),
    "30": Departement("30", "Gard", "76", "30189"),
    "31": Departement("31", "Haute-Garonne", "76", "31555"),
    "32": Departement("32", "Gers", "76", "32013"),
    "33": Departement("33", "Gironde", "75", "33063"),
    "34": Departement("34", "Hérault", "76", "34172"),
    "35": Departement("35", "Ille-et-Vilaine", "53", "35238"),
    "36": Departement("36", "Indre", "24", "36044"),
    "37": Departement("37", "Indre-et-Loire", "24", "37261"),
    "38": Departement("38", "Isère", "84", "38185"),
    "39": Departement("39", "Jura", "27", "39300"),
    "40": Departement("40", "Landes", "75", "40192"),
    "41": Departement("41", "Loir-et-Cher", "24", "41018"),
    "42": Departement("42", "Loire", "84", "42218"),
    "43": Departement("43", "Haute-Loire", "84", "43157"),
    "44": Departement("44", "Loire-Atlantique", "52", "44109"),
    "45": Departement("45", "Loiret", "24", "45234"),
    "46": Departement("46", "Lot", "76", "46042"),
    "47": Departement("47", "Lot-et-Garonne", "75", "47001"),
    "48": Departement("48", "Lozère", "76", "48095"),
    "49": Departement("49", "Maine-et-Loire", "52", "49007"),
    "50": Departement("50", "Manche", "28", "50502"),
    "51": Departement("51", "Marne", "44", "51108"),
    "52": Departement("52", "Haute-Marne", "44", "52121"),
    "53": Departement("53", "Mayenne", "52", "53130"),
    "54": Departement("54", "Meurthe-et-Moselle", "44", "54395"),
    "55": Departement("55", "Meuse", "44", "55029"),
    "56": Departement("56", "Morbihan", "53", "56260"),
    "57": Departement("57", "Moselle", "44", "57463"),
    "58": Departement("58", "Nièvre", "27", "58194"),
    "59": Departement("59", "Nord", "32", "59350"),
    "60": Departement("60", "Oise", "32", "60057"),
    "61": Departement("61", "Orne", "28", "61001"),
    "62": Departement("62", "Pas-de-Calais", "32", "62041"),
    "63": Departement("63", "Puy-de-Dôme", "84", "63113"),
    "64": Departement("64", "Pyrénées-Atlantiques", "75", "64445"),
    "65": Departement("65", "Hautes-Pyrénées", "76", "65440"),
    "66": Departement("66", "Pyrénées-Orientales", "76", "66136"),
    "67": Departement("67", "Bas-Rhin", "44", "67482"),
    "68": Departement("68", "Haut-Rhin", "44", "68066"),
    "69": Departement("69", "Rhône", "84", "69123"),
    "70": Departement("70", "Haute-Saône", "27", "70550"),
    "71": Departement("71", "Saône-et-Loire", "27", "71270"),
    "72": Departement("72", "Sarthe", "52", "72181"),
    "73": Departement("73", "Savoie", "84", "73065"),
    "74": Departement("74", "Haute-Savoie", "84", "74010"),
    "75": Departement("75", "Paris", "11", "75056"),
    "76": Departement("76", "Seine-Maritime", "28", "76540"),
    "77": Departement("77", "Seine-et-Marne", "11", "77288"),
    "78": Departement("78", "Yvelines", "11", "78646"),
    "79": Departement("79", "Deux-Sèvres", "75", "79191"),
    "80": Departement("80", "Somme", "32", "80021"),
    "81": Departement("81", "Tarn", "76", "81004"),
    "82": Departement("82", "Tarn-et-Garonne", "76", "82121"),
    "83": Departement("83", "Var", "93", "83137"),
    "84": Departement("84", "Vaucluse", "93", "84007"),
    "85": Departement("85", "Vendée", "52", "85191"),
    "86": Departement("86", "Vienne", "75", "86194"),
    "87": Departement("87", "Haute-Vienne", "75", "87085"),
    "88": Departement("88", "Vosges", "44", "88160"),
    "89": Departement("89", "Yonne", "27", "89024"),
    "90": Departement("90", "Territoire de Belfort", "27", "90010"),
    "91": Departement("91", "Essonne", "11", "91228"),
    "92": Departement("92", "Hauts-de-Seine", "11", "92050"),
    "93": Departement("93", "Seine-Saint-Denis", "11", "93008"),
    "94": Departement("94", "Val-de-Marne", "11", "94028"),
    "95": Departement("95", "Val-d'Oise", "11", "95500"),
    "971": Departement("971", "Guadeloupe", "01", "97105"),
    "972": Departement("972", "Martinique", "02", "97209"),
    "973": Departement("973", "Guyane", "03", "97302"),
    "974": Departement("974", "La Réunion", "04", "97411"),
    "976": Departement("976", "Mayotte", "06", "97611"),
}
REGIONS = {
    "01": "Guadeloupe",
    "02": "Martinique",
    "03": "Guyane",
    "04": "La Réunion",
    "06": "Mayotte",
    "11": "Île-de-France",
    "24": "Centre-Val de Loire",
    "27": "Bourgogne-Franche-Comté",
    "28": "Normandie",
    "32": "Hauts-de-France",
    "44": "Grand Est",
    "52": "Pays de la Loire",
    "53": "Bretagne",
    "75": "Nouvelle-Aquitaine",
    "76": "Occitanie",
    "84": "Auvergne-Rhône-Alpes",
    "93": "Provence-Alpes-Côte d'Azur",
    "94": "Corse",
}


ILE_DE_FRANCE_REGION = "11"
# Île-de-France, the region of the bundled directory: its eight départements, by name.
NAMES = {code: d.name for code, d in DEPARTEMENTS.items() if d.region == ILE_DE_FRANCE_REGION}
# The five overseas départements (DROM): an ocean away from any entry listed in mainland France.
OVERSEAS = frozenset(code for code in DEPARTEMENTS if len(code) == 3)


def overseas_name(code: str) -> str | None:
    """The name of an overseas département ("Guyane" for 973); None for any other code."""
    return DEPARTEMENTS[code].name if code in OVERSEAS else None


def departement_name(code: str) -> str:
    """'Alpes-Maritimes' for '06'; the code itself for one not in the table."""
    departement = DEPARTEMENTS.get(code)
    return departement.name if departement else code


# What a département code looks like: 01–95, 2A and 2B (Corsica), 971–976 (overseas).
CODE = re.compile(r"\d{2,3}|2[AB]", re.IGNORECASE)


def departement_exists(session: Session, code: str) -> bool:
    if not CODE.fullmatch(code):
        return False
    return session.exec(select(Commune.id).where(Commune.departement == code).limit(1)).first() is not None
