"""The clinical rules of Companion, as one table of data with their sources.

Urgent signs by action tier, the numbers each tier offers, the 0–10 items (each symptom's key, question
and scale ends; distress), the scores that take a sign's tier, score thresholds and what a severe score
asks, care suggestions and their exclusions, context rules. The self-assessment applies them
(questions.evaluate), every page that shows urgent help renders from them, and
`flask --app companion clinical-rules` publishes them for a clinician to review (docs/clinical-rules.md,
docs/clinical-rules.fr.md). Templates hold no threshold and no number.

The app never triages: it shows static signs and, when one is ticked or a score reaches a rule, who to
call and when. When a rule is unsure, it escalates: a question left blank, or answered "I don't know",
counts as the answer that calls sooner. No Flask here.
"""

from dataclasses import dataclass
from datetime import date

from companion.translatable import N_

# --- Sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    key: str
    citation: str
    url: str = ""


SOURCES: dict[str, Source] = {
    s.key: s
    for s in (
        Source(
            "ukons",
            N_(
                "UKONS, oncology and haematology 24-hour triage toolkit, version 3 (January 2025): one red sign means "
                "an urgent review, one amber sign a review within 24 hours, two ambers count as red."
            ),
            "https://ukacuteoncology.co.uk/information-hub/ao-guidelines/ukons-guidelines/ukons-24-hour-triage",
        ),
        Source(
            "esmo_fn",
            N_(
                "ESMO clinical practice guideline on fever with low white cells (febrile neutropenia), "
                "Klastersky et al., Annals of Oncology 2016; 27 (supplement 5): v111–v118."
            ),
        ),
        Source(
            "nice_sepsis",
            N_(
                "NICE clinical guideline CG151, neutropenic sepsis (2012): a temperature above 38\u00a0°C, or signs of "
                "sepsis even without fever, during anticancer treatment is an emergency."
            ),
            "https://www.nice.org.uk/guidance/cg151",
        ),
        Source(
            "afsos_fever",
            N_("AFSOS referential “Fièvre – prise en charge des 24 premières heures” (2014)."),
            "http://www.afsos.org/fiche-referentiel/prise-charge-de-fievre/",
        ),
        Source(
            "fever_sheets",
            N_(
                "French patient sheets on fever during chemotherapy (RCYN network; Institut Becquerel): take your "
                "temperature with a thermometer, and do not take a medicine to bring it down before calling."
            ),
            "http://www.rcyn.org/informations-medicales/conduite-a-tenir-en-cas-de-fievre-pour-les-patients-en-cours-de-chimiotherapie.html",
        ),
        Source(
            "capecitabine",
            N_(
                "Capecitabine (Xeloda) package leaflet and summary of product characteristics (EMA): stop the "
                "tablets and call the doctor for diarrhoea of 4 or more stools a day above usual or at night, "
                "vomiting more than once in 24 hours, eating much less, a sore mouth, painful hands or feet, or a "
                "temperature of 38\u00a0°C or more; contraception during treatment."
            ),
            "https://www.ema.europa.eu/en/medicines/human/EPAR/xeloda",
        ),
        Source(
            "ctcae",
            N_(
                "CTCAE version 5.0 (NCI, 2017), diarrhoea: grade 2 is 4 to 6 stools a day above usual, grade 3 is 7 or "
                "more, or incontinence (eviQ grading tables)."
            ),
            "https://www.eviq.org.au/dose-mod-gradings/standard-ctcae/diarrhoea",
        ),
        Source(
            "ctcae4",
            N_("CTCAE version 4.03 (NCI, 2010), vomiting: grade 3 is 6 episodes or more in 24 hours."),
        ),
        Source(
            "esmo_io",
            N_(
                "ESMO patient guide on the side effects of immunotherapy (2017): report any new or worse symptom; "
                "side effects can appear months after treatment, up to a year after stopping."
            ),
            "https://www.esmo.org/for-patients/patient-guides/immunotherapy-side-effects",
        ),
        Source(
            "esmo_io_tox",
            N_(
                "ESMO clinical practice guideline on the toxicities of immunotherapy, Haanen et al., Annals of "
                "Oncology 2022: diarrhoea or colitis, and hormone-gland side effects (adrenal, diabetes), graded and "
                "treated early."
            ),
        ),
        Source(
            "nice_ng234",
            N_(
                "NICE guideline NG234 (September 2023), spinal metastases and spinal cord compression: back pain "
                "that suggests it within 24 hours, weakness or loss of bladder or bowel control at once. It replaced "
                "CG75."
            ),
            "https://www.nice.org.uk/guidance/ng234",
        ),
        Source(
            "clot",
            N_(
                "ESMO clinical practice guideline on venous thromboembolism in cancer, Falanga et al., Annals of "
                "Oncology 2023: clots are more frequent with cancer; a painful swollen limb must be checked quickly."
            ),
        ),
        Source(
            "stroke",
            N_(
                "Stroke signs (face, arm, speech: call the emergency number at once), as taught by public health "
                "services (NHS, “Stroke: symptoms”)."
            ),
            "https://www.nhs.uk/conditions/stroke/symptoms/",
        ),
        Source(
            "emergency_numbers",
            N_(
                "Service-Public.fr (French government), emergency numbers: 15, 112, and 114 by text message, "
                "app or video for people who cannot phone."
            ),
            "https://www.service-public.fr/particuliers/vosdroits/F33954",
        ),
        Source(
            "116117",
            N_(
                "116 117, the free number for a doctor on call when surgeries are closed (evenings from 8 pm, weekends "
                "from Saturday noon, public holidays), set up by decree in 2016 and opened region by region; where it "
                "is not in place, 15 answers."
            ),
            "https://www.francetvinfo.fr/sante/trois-questions-sur-le-numero-unique-pour-contacter-un-medecin-de-garde_2131111.html",
        ),
        Source(
            "3114",
            N_("3114, the national suicide prevention line: free, day and night."),
            "https://3114.fr/que-se-passe-t-il-quand-je-contacte-le-3114/",
        ),
        Source(
            "esas",
            N_(
                "Revised Edmonton Symptom Assessment System (ESAS-r), Watanabe et al., Journal of Pain and "
                "Symptom Management, 2011: 0 to 10 scales of symptoms right now. Our questions are inspired "
                "by it; they are not the tool."
            ),
        ),
        Source(
            "selby",
            N_(
                "Selby et al., Journal of Pain and Symptom Management, 2010: 7 or more out of 10 is severe, "
                "4 to 6 moderate. These are bands for describing scores; they set no time to call."
            ),
            "https://www.ncbi.nlm.nih.gov/pubmed/19963335",
        ),
        Source(
            "dolbeault",
            N_(
                "Dolbeault et al., Palliative and Supportive Care, 2008: the French adaptation of the distress "
                "thermometer finds distress from 3 out of 10. Companion borrows this cut-off for its own, "
                "differently worded question; it was not validated for it."
            ),
        ),
        Source(
            "basket",
            N_(
                "Instruction DGOS/R3/INCa/2017/62 of 23 February 2017: the basket of supportive cares (4 base cares, "
                "5 complementary cares, 2 pain-relief techniques)."
            ),
        ),
        Source(
            "oncorif",
            N_("ONCORIF, the Île-de-France regional cancer network: brochure “Soins Oncologiques de Support”."),
            "https://www.oncorif.fr/prises-en-charge-specifiques/les-soins-oncologiques-de-support/",
        ),
        Source(
            "afsos_intrathecal",
            N_(
                "AFSOS referential on intrathecal analgesia: for cancer pain that strong pain medicines do not relieve."
            ),
            "http://www.afsos.org/",
        ),
        Source(
            "fertility",
            N_(
                "INCa, “Préservation de la fertilité et cancer” (April 2021), and the 2021 bioethics law: "
                "people must be told before treatment, and preservation is decided case by case."
            ),
            "https://onco-nouvelle-aquitaine.fr/?p=35855",
        ),
        Source(
            "palliative",
            N_(
                "AFSOS referential on bringing in a specialised palliative care team for adults with cancer (2016); "
                "palliative care is part of supportive care (INCa)."
            ),
            "http://www.afsos.org/fiche-referentiel/associer-approche-palliative-specialisee-patients-adultes-atteints-de-cancer/",
        ),
        Source(
            "sppc",
            N_(
                "Centre Oscar Lambret, 11 December 2025: the national SPPC study of early targeted palliative care "
                "(about 20 centres, 442 patients, due to start by the end of 2026)."
            ),
        ),
        Source(
            "oncogeriatrics",
            N_(
                "INCa, oncogeriatrics: people aged 75 and over with cancer can have a geriatric assessment, through "
                "the regional oncogeriatric units (UCOG)."
            ),
            "https://www.e-cancer.fr/Professionnels-de-sante/Parcours-de-soins-des-patients/Oncogeriatrie",
        ),
        Source(
            "aja",
            N_(
                "INCa, adolescents and young adults (AJA): people aged 15 to 25 with cancer have teams organised for "
                "their age, between children's and adults' care."
            ),
            "https://www.e-cancer.fr/Professionnels-de-sante/Parcours-de-soins-des-patients/Adolescents-et-jeunes-adultes",
        ),
    )
}


# --- Numbers to call -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    number: str  # as dialled
    scheme: str  # "tel" or "sms"
    label: str
    sources: tuple[str, ...]
    shown: str = ""  # as written, when not as dialled

    @property
    def display(self) -> str:
        return self.shown or self.number


NUMBERS: dict[str, Number] = {
    n.number: n
    for n in (
        Number("15", "tel", N_("SAMU, medical emergency"), ("emergency_numbers",)),
        Number("112", "tel", N_("European emergency number"), ("emergency_numbers",)),
        Number(
            "114",
            "sms",
            N_("by text message, or the Urgence 114 app, if you cannot hear or speak"),
            ("emergency_numbers",),
        ),
        Number("3114", "tel", N_("suicide prevention line, free, day and night"), ("3114",)),
        Number(
            "116117",
            "tel",
            N_("doctor on call, evenings, weekends and public holidays, where it is in place"),
            ("116117",),
            shown="116 117",
        ),
    )
}
# The short list printed on handouts and shown in the page header's reach.
HANDOUT_NUMBERS = ("15", "112", "114", "3114")


# --- Action tiers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    key: str
    heading: str  # what to do, as a heading
    action: str  # the sentence under the ticked signs
    numbers: tuple[str, ...]  # keys of NUMBERS, in the order shown
    team_line: bool  # the person's own cancer-team number comes first
    urgency: int  # higher is sooner; a score is never shown below its sign's urgency
    sources: tuple[str, ...]
    note: str = ""  # shown with the tier on the urgent page and the results


TIERS: dict[str, Tier] = {
    t.key: t
    for t in (
        Tier(
            "emergency",
            N_("Call 15 or 112 now"),
            N_("If you cannot hear or speak, send a text message to 114."),
            ("15", "112", "114"),
            False,
            4,
            ("ukons", "emergency_numbers"),
        ),
        Tier(
            "team",
            N_("Call your cancer team now"),
            N_("On their emergency number, day or night. If you cannot reach them, call 15."),
            ("15", "114"),
            True,
            3,
            ("ukons", "esmo_fn", "nice_sepsis", "afsos_fever"),
            note=N_(
                "During cancer treatment (drip, injections, tablets or radiotherapy), and in the 6\u00a0weeks after, the "
                "body fights infection less well: a fever must be checked quickly, day or night."
            ),
        ),
        Tier(
            "crisis",
            N_("Talk to someone now: 3114"),
            N_(
                "Call 3114 now: someone will listen, free, day and night. If there is danger right now, call 15 or 112."
            ),
            ("3114", "15", "112", "114"),
            False,
            3,
            ("3114",),
        ),
        Tier(
            "today",
            N_("Call your care team today"),
            N_(
                "Within 24\u00a0hours: on the number your cancer team gave you, or through the switchboard of the "
                "hospital where you are treated."
            ),
            ("116117", "15", "114"),
            True,
            2,
            ("ukons", "nice_ng234", "116117"),
            note=N_(
                "In the evening, at the weekend or on a public holiday: your team’s 24-hour line if they gave you one; "
                "otherwise the doctor on call on 116 117 where it is in place, or 15. Do not wait until Monday."
            ),
        ),
        Tier(
            "soon",
            N_("Tell your care team within a few days"),
            N_("Before your next treatment. After treatment, your family doctor can help too."),
            (),
            False,
            1,
            ("selby", "ukons"),
        ),
    )
}
# The tiers a ticked sign or a score can call for now, before reading on.
CALL_NOW = ("emergency", "team", "crisis")
# Two or more signs of the "today" tier (a same-day score counts as one) call for the team now.
AMBERS_MAKE_RED = 2
CALL_15_FIRST = N_("Call 15 first. Tell them about the cancer and its treatment, and about every other sign below.")
AFTERWARDS = N_("Afterwards")
AMBERS_TOGETHER = N_("Two or more of these together: call your cancer team now, do not wait until later today.")


# --- What the person says about their treatment (asked with the signs, on the first step) ------------

# Left blank or "I don't know" counts as yes: the rule that calls sooner applies.
YES_OR_UNSURE = frozenset({"yes", "unsure", None})


@dataclass(frozen=True)
class Condition:
    key: str
    question: str  # the answer it reads (a key of the first or second step)
    values: frozenset
    meaning: str  # for the rules document


CONDITIONS: dict[str, Condition] = {
    c.key: c
    for c in (
        Condition(
            "on_treatment",
            "on_treatment",
            YES_OR_UNSURE,
            N_("on cancer treatment now or in the last 6 weeks (yes, I don’t know, or no answer)"),
        ),
        Condition(
            "immunotherapy",
            "immunotherapy",
            YES_OR_UNSURE,
            N_("immunotherapy in the last 12 months (yes, I don’t know, or no answer)"),
        ),
        Condition("tablets", "tablets", frozenset({"yes", "unsure"}), N_("cancer tablets (yes or I don’t know)")),
        Condition(
            "worse",
            "worse",
            YES_OR_UNSURE,
            N_("a symptom new or quickly worse in the last few days (yes, I don’t know, or no answer)"),
        ),
        Condition(
            "breath_sudden",
            "breath_sudden",
            YES_OR_UNSURE,
            N_("shortness of breath sudden or at rest (yes, I don’t know, or no answer)"),
        ),
        Condition(
            "breath_sudden_said",
            "breath_sudden",
            frozenset({"yes"}),
            N_("shortness of breath sudden or at rest (answered yes)"),
        ),
    )
}


# --- Urgent signs, by action tier ----------------------------------------------------------------


@dataclass(frozen=True)
class UrgentSign:
    key: str
    text: str  # written without "you", so it reads the same in guide mode
    tier: str
    sources: tuple[str, ...]
    raised_when: str = ""  # a key of CONDITIONS: then the sign calls for the team now
    note: str = ""  # said with the sign when ticked


FEVER_NOTE = N_(
    "Take your temperature with a thermometer (under the arm or in the ear, not in the bottom). Do not take "
    "paracetamol, aspirin or ibuprofen to bring it down before calling, and do not wait for a second reading. "
    "Regular paracetamol or steroids can hide a fever: if you feel unwell without a fever, call anyway."
)
FEVER_ON_TREATMENT_NOTE = N_(
    "Fever during cancer treatment, or in the weeks after, can be serious and must be checked quickly."
)
TABLETS_NOTE = N_(
    "If you take cancer tablets, do not take the next dose before your team says so: the leaflet of "
    "capecitabine, for one, asks this."
)

URGENT_SIGNS = (
    # Emergency: 15 or 112.
    UrgentSign(
        "breathing",
        N_("Breathing difficulty that came on suddenly or is severe, or out of breath even at rest"),
        "emergency",
        ("ukons", "clot"),
    ),
    UrgentSign("chest_pain", N_("Pain in the chest"), "emergency", ("ukons",)),
    UrgentSign(
        "stroke",
        N_("Suddenly, a face that droops, an arm or a leg that goes weak, or trouble speaking"),
        "emergency",
        ("stroke",),
    ),
    UrgentSign("bleeding", N_("Bleeding that does not stop, vomiting blood, or black stools"), "emergency", ("ukons",)),
    UrgentSign("confusion", N_("New confusion, fainting, or very hard to wake"), "emergency", ("ukons",)),
    UrgentSign("seizure", N_("A seizure (fit)"), "emergency", ("ukons",)),
    UrgentSign("swelling", N_("Swelling of the face, lips or throat"), "emergency", ("ukons",)),
    UrgentSign(
        "legs_weak",
        N_("New weakness or numbness in the legs, or losing control of bladder or bowels"),
        "emergency",
        ("nice_ng234",),
    ),
    UrgentSign(
        "head_injury",
        N_("After a fall or a knock to the head: vomiting, drowsiness, or a headache that gets worse"),
        "emergency",
        ("ukons",),
    ),
    # The cancer team now, day or night.
    UrgentSign(
        "fever",
        N_("A temperature of 38\u00a0°C or more, or below 36\u00a0°C, or shivering and chills"),
        "team",
        ("nice_sepsis", "capecitabine", "esmo_fn", "afsos_fever", "fever_sheets"),
        note=FEVER_NOTE,
    ),
    UrgentSign("very_unwell", N_("Feeling very unwell, in a way that is worrying"), "team", ("ukons", "nice_sepsis")),
    UrgentSign(
        "vomiting",
        N_("Vomiting 6 times or more in 24\u00a0hours, or not keeping any drink or medicine down"),
        "team",
        ("ukons", "ctcae4"),
        note=TABLETS_NOTE,
    ),
    UrgentSign(
        "diarrhoea_severe",
        N_(
            "Diarrhoea 7 times a day or more on top of the usual, diarrhoea that cannot be held, or with blood, fever or cramps"
        ),
        "team",
        ("ctcae", "ukons"),
        note=TABLETS_NOTE,
    ),
    UrgentSign(
        "io_bowel",
        N_("After immunotherapy: belly pain, or blood or mucus (slime) in the stools"),
        "team",
        ("esmo_io_tox",),
    ),
    UrgentSign("belly", N_("Severe new pain in the belly"), "team", ("ukons",)),
    UrgentSign(
        "bowel_blocked",
        N_("Constipation with vomiting, a swollen belly, or no longer passing wind (gas)"),
        "team",
        ("ukons",),
    ),
    UrgentSign("no_urine", N_("No urine for 12\u00a0hours"), "team", ("ukons",)),
    UrgentSign("mouth", N_("Mouth sores that stop eating or drinking"), "team", ("ukons",)),
    UrgentSign(
        "bruising",
        N_("Many bruises or small red spots on the skin, a nosebleed that goes on, or blood in the urine"),
        "team",
        ("ukons",),
    ),
    UrgentSign("calf", N_("A painful, swollen calf or arm"), "team", ("clot", "ukons")),
    UrgentSign("palpitations", N_("Palpitations: a racing or irregular heartbeat"), "team", ("ukons", "esmo_io")),
    UrgentSign(
        "io_signs",
        N_(
            "After immunotherapy: a new severe headache, a change in sight, yellow skin or eyes, or a rash that blisters or peels"
        ),
        "team",
        ("esmo_io", "ukons"),
    ),
    UrgentSign(
        "io_hormones",
        N_("After immunotherapy: faintness or great weakness, or great thirst and passing a lot of urine"),
        "team",
        ("esmo_io_tox",),
    ),
    UrgentSign(
        "calcium",
        N_("Very thirsty, constipated and muddled or very sleepy, all at once"),
        "team",
        ("ukons",),
    ),
    UrgentSign(
        "line",
        N_(
            "Around a central line, PICC line or port: redness, swelling, pain or discharge; a damaged or leaking "
            "line; a swollen arm or neck on that side; or shivering after a flush"
        ),
        "team",
        ("ukons",),
    ),
    UrgentSign(
        "infusion_site",
        N_("Pain, burning, swelling or redness where a drip went in"),
        "team",
        ("ukons",),
    ),
    UrgentSign("pump", N_("A home infusion pump that leaks or is damaged"), "team", ("ukons",)),
    UrgentSign(
        "fall",
        N_("A fall or a knock to the head while on blood thinners or with low platelets"),
        "team",
        ("ukons",),
    ),
    # Talk to someone now.
    UrgentSign("suicidal", N_("Thoughts of suicide"), "crisis", ("3114",)),
    # The cancer team today, within 24 hours.
    UrgentSign(
        "diarrhoea",
        N_("Diarrhoea 4 to 6 times a day on top of the usual, diarrhoea at night, or more output from a stoma"),
        "today",
        ("ctcae", "ukons", "capecitabine", "esmo_io_tox"),
        raised_when="immunotherapy",
        note=TABLETS_NOTE,
    ),
    UrgentSign(
        "io_diarrhoea",
        N_("After immunotherapy: any new diarrhoea or looser stools"),
        "today",
        ("esmo_io_tox", "esmo_io"),
    ),
    UrgentSign(
        "vomiting_some",
        N_("Vomiting 2 to 5 times in 24\u00a0hours, or eating or drinking much less than usual"),
        "today",
        ("ukons", "capecitabine"),
        note=TABLETS_NOTE,
    ),
    UrgentSign(
        "cough",
        N_("A new or worse cough, or breathlessness that gets worse over days"),
        "today",
        ("ukons", "esmo_io"),
        raised_when="immunotherapy",
    ),
    UrgentSign(
        "back_pain",
        N_("New pain in the back or neck, worse when lying down or coughing, or like a band around the body"),
        "today",
        ("nice_ng234",),
    ),
    UrgentSign(
        "pain_uncontrolled", N_("Pain that the prescribed pain medicine does not relieve enough"), "today", ("ukons",)
    ),
    UrgentSign(
        "mouth_sore", N_("Painful mouth sores, but still able to eat and drink"), "today", ("ukons", "capecitabine")
    ),
    UrgentSign(
        "hand_foot",
        N_("Painful red, swollen or blistered palms or soles"),
        "today",
        ("capecitabine",),
        note=TABLETS_NOTE,
    ),
    UrgentSign(
        "constipation", N_("No stool for 3\u00a0days, especially on morphine-type pain medicines"), "today", ("ukons",)
    ),
    UrgentSign("dehydration", N_("Dizzy when standing up, with little dark urine"), "today", ("ukons",)),
    UrgentSign(
        "infection",
        N_("Burning when passing urine, a sore throat, or another sign of infection, even without fever"),
        "today",
        ("ukons", "nice_sepsis"),
    ),
    UrgentSign("wound", N_("A surgical wound that is red, hot, oozing or opening"), "today", ("ukons",)),
    UrgentSign("skin_rt", N_("Skin where radiotherapy was given that weeps, blisters or breaks"), "today", ("ukons",)),
)
SIGNS = {s.key: s for s in URGENT_SIGNS}
# Each tier's signs, in the table's order: the urgent step's boxes, the urgent pages and what is printed.
SIGNS_BY_TIER = {tier: tuple(s for s in URGENT_SIGNS if s.tier == tier) for tier in TIERS}
# The tiers a sign can be ticked in, in order, and what their signs add (the fever note, say), once each.
SIGN_TIERS = tuple(t for t in TIERS.values() if SIGNS_BY_TIER[t.key])
SIGN_NOTES = {t.key: tuple(dict.fromkeys(s.note for s in SIGNS_BY_TIER[t.key] if s.note)) for t in SIGN_TIERS}
PAIN_UNRELIEVED_SIGN = "pain_uncontrolled"
FEVER_SIGN = "fever"  # ticked during treatment, the results add FEVER_ON_TREATMENT_NOTE


# --- Thresholds ----------------------------------------------------------------------------------

MODERATE = 4  # a symptom worth telling the care team and a care worth asking about (Selby 2010)
SEVERE = 7  # severe, for every 0–10 item (Selby 2010)
TOP = 9  # the top of a "right now" scale: the worst the person can imagine, or nearly
DISTRESS_CUT_OFF = 3  # borrowed from the French adaptation of the distress thermometer (Dolbeault 2008)


@dataclass(frozen=True)
class Threshold:
    key: str
    applies_to: str
    at_least: int
    meaning: str
    sources: tuple[str, ...]


THRESHOLDS = (
    Threshold(
        "moderate",
        N_("Each symptom scale, 0 to 10 (1 to 3: mild)"),
        MODERATE,
        N_("Moderate: listed to tell the care team, with the supportive care that may help."),
        ("selby", "esas"),
    ),
    Threshold(
        "severe",
        N_("Each symptom scale, and what weighs on the person"),
        SEVERE,
        N_("Severe: tell the care team within a few days, or sooner as the score rules say."),
        ("selby",),
    ),
    Threshold(
        "top",
        N_("Pain, shortness of breath, drowsiness, tiredness and wellbeing"),
        TOP,
        N_("The top of the scale: the tier the score rules give, never below the matching sign’s."),
        ("esas", "ukons"),
    ),
    Threshold(
        "distress",
        N_("What weighs on the person, 0 to 10 (bands as for symptoms)"),
        DISTRESS_CUT_OFF,
        N_("To talk about: listed to tell the care team, with psychological support."),
        ("dolbeault",),
    ),
)


# --- Scores: the 0–10 items, when one calls, and how soon -----------------------------------------


@dataclass(frozen=True)
class Symptom:
    key: str
    question: str  # also what names its score wherever it is shown
    low: str  # what 0 means
    high: str  # what 10 means
    tell_team: str


SYMPTOMS = (
    Symptom(
        "pain",
        N_("Pain"),
        N_("no pain"),
        N_("worst pain you can imagine"),
        N_("Tell your care team how strong the pain is, where, and what helps or not."),
    ),
    Symptom(
        "tiredness",
        N_("Tiredness (lack of energy)"),
        N_("no tiredness"),
        N_("worst tiredness"),
        N_("Tell your care team how tiredness limits your days."),
    ),
    Symptom(
        "drowsiness",
        N_("Drowsiness (feeling sleepy)"),
        N_("not drowsy"),
        N_("worst drowsiness"),
        N_("Tell your care team: drowsiness can come from medicines and can often be eased."),
    ),
    Symptom(
        "nausea",
        N_("Nausea (feeling sick)"),
        N_("no nausea"),
        N_("worst nausea"),
        N_("Tell your care team: there are medicines and tips against nausea."),
    ),
    Symptom(
        "appetite",
        N_("Lack of appetite"),
        N_("appetite as usual"),
        N_("no appetite at all"),
        N_("Tell your care team, and mention any weight loss."),
    ),
    Symptom(
        "breathlessness",
        N_("Shortness of breath"),
        N_("no shortness of breath"),
        N_("worst shortness of breath"),
        N_("Tell your care team what it stops you from doing, and whether it is getting worse."),
    ),
    Symptom(
        "low_mood",
        N_("Low mood (feeling sad or down)"),
        N_("not down at all"),
        N_("as down as can be"),
        N_("Tell your care team how you feel: support exists and can help."),
    ),
    Symptom(
        "anxiety",
        N_("Anxiety (feeling worried or nervous)"),
        N_("not worried at all"),
        N_("as worried as can be"),
        N_("Tell your care team what worries you."),
    ),
    Symptom(
        "wellbeing",
        N_("Overall wellbeing (how you feel in general)"),
        N_("best I could feel"),
        N_("worst I could feel"),
        N_("Tell your care team how you feel overall."),
    ),
    Symptom(
        "other",
        N_("Another problem"),
        N_("no problem"),
        N_("worst possible"),
        N_("Tell your care team about this problem."),
    ),
)
SYMPTOM_KEYS = tuple(s.key for s in SYMPTOMS)
DISTRESS = "distress"
CAREGIVER_STRAIN = "caregiver_strain"  # the caregiver's own, never mixed with the patient's scores
DISTRESS_LABEL = N_("What weighs on you")
CAREGIVER_STRAIN_LABEL = N_("What weighs on you, the caregiver")
# The msgid naming each 0–10 item wherever its score is shown: the results, the rules document, the trends.
ITEM_LABELS = {
    **{s.key: s.question for s in SYMPTOMS},
    DISTRESS: DISTRESS_LABEL,
    CAREGIVER_STRAIN: CAREGIVER_STRAIN_LABEL,
}


@dataclass(frozen=True)
class ScoreRule:
    key: str
    items: tuple[str, ...]  # symptom keys, or DISTRESS
    at_least: int
    tier: str
    sources: tuple[str, ...]
    when: tuple[str, ...] = ()  # keys of CONDITIONS, all of which must hold (or PAIN_UNRELIEVED_SIGN ticked)
    sign: str = ""  # the urgent sign the score amounts to: shown in its words, never below its tier
    says: str = ""
    numbers: tuple[str, ...] = ()
    asks: str = ""  # a question asked straight out, before what it says


# Every rule that fires is applied; an item is shown in the soonest tier it reaches.
SCORE_RULES = (
    ScoreRule("breathless_top", ("breathlessness",), TOP, "emergency", ("ukons", "esas"), sign="breathing"),
    ScoreRule(
        "breathless_sudden", ("breathlessness",), SEVERE, "emergency", ("ukons",), ("breath_sudden",), sign="breathing"
    ),
    ScoreRule(
        "breathless_at_rest", ("breathlessness",), 1, "emergency", ("ukons",), ("breath_sudden_said",), sign="breathing"
    ),
    ScoreRule(
        "pain_top",
        ("pain",),
        TOP,
        "team",
        ("ukons",),
        says=N_("Pain this strong needs your cancer team now, day or night."),
    ),
    ScoreRule(
        "pain_unrelieved",
        ("pain",),
        SEVERE,
        "team",
        ("ukons",),
        (PAIN_UNRELIEVED_SIGN,),
        says=N_("Strong pain that the prescribed medicine does not relieve needs your cancer team now."),
    ),
    ScoreRule(
        "drowsy_top",
        ("drowsiness",),
        TOP,
        "team",
        ("ukons",),
        says=N_("If waking up is hard, or confusion comes, call 15 at once."),
        numbers=("15", "114"),
    ),
    ScoreRule(
        "unwell_top",
        ("tiredness", "wellbeing"),
        TOP,
        "today",
        ("nice_sepsis", "ukons"),
        ("on_treatment",),
        says=N_(
            "Feeling very unwell or shivery during treatment can be an infection: take your temperature, and call "
            "your cancer team now if it is 38\u00a0°C or more, or if you feel worse."
        ),
    ),
    ScoreRule("same_day", ("pain", "breathlessness", "drowsiness"), SEVERE, "today", ("ukons",)),
    ScoreRule("nausea_same_day", ("nausea",), SEVERE, "today", ("ukons", "capecitabine"), ("on_treatment",)),
    ScoreRule("breathless_worse", ("breathlessness",), MODERATE, "today", ("ukons",), ("worse",)),
    ScoreRule("new_or_worse", (*SYMPTOM_KEYS, DISTRESS), SEVERE, "today", ("ukons",), ("worse",)),
    ScoreRule(
        "severe",
        (*SYMPTOM_KEYS, DISTRESS),
        SEVERE,
        "soon",
        ("selby",),
    ),
    ScoreRule(
        "severe_mood",
        ("low_mood", "anxiety", DISTRESS),
        SEVERE,
        "soon",
        ("3114", "emergency_numbers"),
        says=N_(
            "If thoughts of death or suicide come, call 3114 now: someone will listen, day and night. If there is "
            "danger right now, call 15 or 112."
        ),
        numbers=("3114", "15", "112", "114"),
        asks=N_("Do you have thoughts of ending your life?"),
    ),
)


# --- Care suggestions and exclusions -------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    items: tuple[str, ...]  # symptom keys, DISTRESS, CAREGIVER_STRAIN, or problem keys (ticked)
    at_least: int | None  # score threshold; None for a ticked problem
    cares: tuple[str, ...]
    sources: tuple[str, ...]
    note: str = ""  # when the care fits, said with the suggestion
    with_sign: str = ""  # only when this urgent sign is ticked too


SUGGESTIONS = (
    Suggestion(("pain",), MODERATE, ("pain", "hypnoanalgesia"), ("basket", "oncorif")),
    Suggestion(
        ("pain",),
        SEVERE,
        ("intrathecal",),
        ("basket", "afsos_intrathecal"),
        note=N_("Only when strong pain medicines do not relieve enough, or cause too many side effects."),
        with_sign=PAIN_UNRELIEVED_SIGN,
    ),
    Suggestion(("tiredness",), MODERATE, ("physical_activity", "nutrition"), ("basket", "oncorif")),
    Suggestion(("nausea", "appetite"), MODERATE, ("nutrition",), ("basket",)),
    Suggestion(("low_mood", "anxiety"), MODERATE, ("psychology",), ("basket",)),
    Suggestion(("wellbeing",), MODERATE, ("psychology", "social"), ("basket",)),
    Suggestion((DISTRESS,), DISTRESS_CUT_OFF, ("psychology",), ("basket", "dolbeault")),
    Suggestion((CAREGIVER_STRAIN,), DISTRESS_CUT_OFF, ("carers",), ("basket",)),
    Suggestion(("money", "work", "housing", "transport", "paperwork"), None, ("social",), ("basket",)),
    Suggestion(("family",), None, ("social", "psychology"), ("basket",)),
    Suggestion(("caregiver",), None, ("carers",), ("basket",)),
    Suggestion(("worry", "body_image", "sleep", "spiritual"), None, ("psychology",), ("basket",)),
    Suggestion(("loneliness",), None, ("psychology", "social"), ("basket",)),
    Suggestion(("sexuality",), None, ("sexuality",), ("basket",)),
    Suggestion(("fertility",), None, ("fertility",), ("basket", "fertility")),
    Suggestion(("eating",), None, ("nutrition",), ("basket",)),
    Suggestion(("activity",), None, ("physical_activity",), ("basket",)),
    Suggestion(("tobacco_alcohol",), None, ("lifestyle",), ("basket",)),
)


@dataclass(frozen=True)
class Exclusion:
    care: str
    items: tuple[str, ...]
    at_least: int
    any_urgent_sign: bool  # also left out whenever an urgent sign is ticked
    reason: str
    sources: tuple[str, ...]


EXCLUSIONS = (
    Exclusion(
        "physical_activity",
        ("breathlessness",),
        MODERATE,
        True,
        N_("Not suggested with breathlessness or an urgent sign: the care team must check first."),
        ("oncorif",),
    ),
)


# --- Context rules -------------------------------------------------------------------------------

UNANSWERED = None


@dataclass(frozen=True)
class ContextRule:
    key: str
    # Fires when every answer of any one of these sets is among its values (UNANSWERED: left blank).
    when: tuple[dict[str, frozenset], ...]
    title: str
    says: tuple[str, ...]
    cares: tuple[str, ...]
    sources: tuple[str, ...]
    review_by: date | None = None  # time-bound: reread before this date (a test fails after it)


WANTS_CHILDREN = frozenset({"yes", "unsure"})
SPPC_GROUPS = frozenset({"digestive", "gynaecological", "ent", "sarcoma"})

CONTEXT_RULES = (
    ContextRule(
        "fertility_before_treatment",
        ({"pregnancy_plan": WANTS_CHILDREN, "phase": frozenset({"diagnosis", UNANSWERED})},),
        N_("Fertility: ask before treatment starts"),
        (
            N_(
                "Some cancer treatments can lower fertility, in women and in men, sometimes for good. "
                "Your doctors must tell you about it before treatment."
            ),
            N_(
                "Keeping eggs, sperm or tissue is decided case by case and has to be organised before the first "
                "treatment: ask your cancer doctor now."
            ),
        ),
        ("fertility",),
        ("fertility", "oncorif"),
    ),
    ContextRule(
        "fertility_later",
        ({"pregnancy_plan": WANTS_CHILDREN, "phase": frozenset({"during", "after", "relapse"})},),
        N_("Fertility: it is still worth asking"),
        (
            N_(
                "Some cancer treatments can lower fertility, in women and in men. Ask your cancer doctor what your "
                "treatment may change and what can still be done."
            ),
            N_(
                "A pregnancy during treatment can be risky: ask your team which contraception to use, and for how long."
            ),
        ),
        ("fertility",),
        ("fertility", "capecitabine"),
    ),
    ContextRule(
        "during_treatment",
        ({"on_treatment": frozenset({"yes", "unsure"})},),
        N_("While you are on treatment"),
        (
            N_(
                "Wash your hands often, keep away from people with a cold or the flu, and ask your team which foods "
                "to avoid."
            ),
            N_(
                "No suppositories, enemas or temperature taken in the bottom during chemotherapy, unless your team "
                "says otherwise."
            ),
            N_("Ask your team about contraception: a pregnancy during treatment can be risky."),
        ),
        (),
        ("fever_sheets", "capecitabine"),
    ),
    ContextRule(
        "tablets",
        ({"tablets": frozenset({"yes", "unsure"})},),
        N_("Cancer tablets"),
        (
            N_(
                "With diarrhoea, vomiting, a sore mouth or painful red hands or feet, call your team before the next "
                "dose: for some tablets, such as capecitabine, the leaflet says to stop until they say so."
            ),
            N_("If you vomit a dose, do not take it again. If you forget one, do not take two at once."),
        ),
        (),
        ("capecitabine",),
    ),
    ContextRule(
        "immunotherapy",
        ({"immunotherapy": frozenset({"yes", "unsure"})},),
        N_("After immunotherapy"),
        (
            N_(
                "Its side effects can come months later, up to a year after the last dose. Tell any doctor you see, "
                "and the emergency services if you call them, that you have had immunotherapy, and show your "
                "treatment card."
            ),
        ),
        (),
        ("esmo_io", "esmo_io_tox"),
    ),
    ContextRule(
        "palliative_care",
        ({"metastatic": frozenset({"yes"})}, {"phase": frozenset({"relapse"})}),
        N_("Palliative care, alongside treatment"),
        (
            N_(
                "Palliative care teams help with symptoms, with choosing the treatments that suit you and with plans "
                "for life. They can come in at any stage of the illness, together with the cancer treatment."
            ),
            N_("It is not only for the end of life. You can ask your cancer doctor to meet a palliative care team."),
        ),
        (),
        ("palliative",),
    ),
    ContextRule(
        "sppc_study",
        (
            {
                "cancer_group": SPPC_GROUPS,
                "metastatic": frozenset({"yes"}),
                "unplanned_stay": frozenset({"yes"}),
            },
        ),
        N_("A national study on early palliative care"),
        (
            N_(
                "A national study, SPPC, led by the Centre Oscar Lambret, is preparing to test a joint review by the "
                "cancer team and the palliative care team after an unplanned hospital stay. It is for cancers of the "
                "digestive system, gynaecological cancers, head and neck cancers and sarcomas, once they have spread."
            ),
            N_(
                "It should start by the end of 2026 in about 20 centres. Whether this helps is what the study will "
                "measure. You can ask your cancer doctor whether your centre takes part."
            ),
        ),
        (),
        ("sppc",),
        review_by=date(2026, 12, 31),
    ),
    ContextRule(
        "paediatric",
        ({"age": frozenset({"under_18"})},),
        N_("Children and teenagers"),
        (
            N_(
                "Children and teenagers with cancer are followed by paediatric cancer teams, who also organise their "
                "supportive care. In Île-de-France, the RIFHOP network links these teams: ask the cancer team that "
                "follows you."
            ),
        ),
        (),
        ("oncorif",),
    ),
    ContextRule(
        "young_adults",
        ({"age": frozenset({"under_18", "18_25"})},),
        N_("Teams for young people, 15 to 25"),
        (
            N_(
                "From 15 to 25, there are teams for adolescents and young adults (AJA): they help with studies, work, "
                "friends and life at this age. Ask your cancer team how to meet them."
            ),
        ),
        (),
        ("aja",),
    ),
    ContextRule(
        "older_adults",
        ({"age": frozenset({"75_plus"})},),
        N_("From 75: a geriatric assessment"),
        (
            N_(
                "From 75, a geriatric assessment can help choose a treatment that suits your health and your life. "
                "Ask your cancer doctor about it."
            ),
        ),
        (),
        ("oncogeriatrics",),
    ),
    ContextRule(
        "caregiver",
        ({"respondent": frozenset({"caregiver"})},),
        N_("Support for the caregiver too"),
        (N_("Loved ones who help can be listened to and supported on their own, even without the patient."),),
        ("carers",),
        ("basket",),
    ),
)


def context_applies(rule: ContextRule, context: dict) -> bool:
    """Whether a context rule fires for these answers (blank answers are UNANSWERED)."""
    return any(all(context.get(k) in values for k, values in when.items()) for when in rule.when)
