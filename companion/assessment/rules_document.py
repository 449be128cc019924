"""The clinical rules as a document a clinician can review: trigger → what the person sees → tier → source.

Built from clinical_rules (and the questions' own labels), so it can't say what the code doesn't do.
`rule_sections` gives the tables, rendered as Markdown (docs/clinical-rules*.md, by the
`clinical-rules` command) and as a page (/sources/clinical-rules). No Flask here: the caller passes
its translation function.
"""

from collections.abc import Callable
from dataclasses import dataclass

from companion.assessment.clinical_rules import (
    AMBERS_MAKE_RED,
    AMBERS_TOGETHER,
    CALL_15_FIRST,
    CONDITIONS,
    CONTEXT_RULES,
    EXCLUSIONS,
    FEVER_ON_TREATMENT_NOTE,
    FEVER_SIGN,
    ITEM_LABELS,
    NUMBERS,
    SCORE_RULES,
    SIGNS,
    SOURCES,
    SUGGESTIONS,
    THRESHOLDS,
    TIERS,
    UNANSWERED,
    URGENT_SIGNS,
)
from companion.assessment.questions import (
    PROBLEMS,
    SITUATION_QUESTIONS,
    SYMPTOM_CONDITION_QUESTIONS,
    TREATMENT_QUESTIONS,
)
from companion.cares.catalogue import CARES
from companion.translatable import N_

Translate = Callable[..., str]

TITLE = N_("Companion’s clinical rules")
INTRO = N_(
    "Every urgent sign, threshold, score rule, care suggestion and context rule that Companion applies, "
    "with what the person sees and the sources. This document is generated from the code "
    "(companion/assessment/clinical_rules.py); a rule that is not here is not applied."
)
WHERE_SHOWN = N_(
    "The urgent signs are shown, from this one table, on the first step of the self-assessment, on the urgent "
    "help page and on the offline page. The signs that call now, and a line to write the team’s number, are "
    "printed on everything a person takes home: the results, the checklist and the local sheet, whether a sign "
    "was ticked or not."
)
ORDER = N_(
    "Order on the results: the calls to make now (15 first, then the cancer team and 3114, marked “afterwards”), "
    "then the calls for today, then what to tell the team within a few days, then the scores. A question left "
    "blank, or answered “I don’t know”, counts as the answer that calls sooner."
)


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]


def rule_sections(_: Translate) -> list[Section]:
    """The rules as translated tables, in the order a reviewer reads them."""

    def sources(keys) -> str:
        return ", ".join(f"[{k}]" for k in keys)

    def numbers(keys, team_line=False) -> str:
        shown = [_("your cancer team’s number, if saved on the phone")] if team_line else []
        shown += [f"{NUMBERS[k].display} ({NUMBERS[k].scheme}: {_(NUMBERS[k].label)})" for k in keys]
        return "; ".join(shown)

    def at_least(keys, value) -> str:
        return _(
            "%(items)s: %(value)s or more out of 10", items=", ".join(_(ITEM_LABELS[k]) for k in keys), value=value
        )

    def answer(question, values) -> str:
        text, options = SITUATION_QUESTIONS[question]
        said = [_(label) for key, label in options.items() if key in values]  # in the question's own order
        said += [_("no answer")] if UNANSWERED in values else []
        return _("“%(question)s” %(answers)s", question=_(text), answers=" / ".join(said))

    tiers = Section(
        "tiers",
        _("Action tiers"),
        [_("Tier"), _("What the person sees"), _("Numbers offered (tel: or sms: links)"), _("Sources")],
        [
            [
                t.key,
                " ".join(filter(None, [_(t.heading) + " — " + _(t.action), _(t.note) if t.note else ""])),
                numbers(t.numbers, t.team_line),
                sources(t.sources),
            ]
            for t in TIERS.values()
        ]
        + [
            [_("15 first"), _("With any sign of the emergency tier: %(line)s", line=_(CALL_15_FIRST)), "", ""],
            [
                _("Two ambers"),
                _(
                    "%(count)s or more signs of the “today” tier (a score that calls today counts as one): %(line)s",
                    count=AMBERS_MAKE_RED,
                    line=_(AMBERS_TOGETHER),
                ),
                "",
                sources(("ukons",)),
            ],
        ],
    )
    conditions = Section(
        "conditions",
        _("What the answers about the treatment and the symptoms change"),
        [_("Condition"), _("Question"), _("Holds when")],
        [
            [c.key, _({**TREATMENT_QUESTIONS, **SYMPTOM_CONDITION_QUESTIONS}[c.question]), _(c.meaning)]
            for c in CONDITIONS.values()
        ],
    )
    signs = Section(
        "urgent-signs",
        _("Urgent signs (first step of the self-assessment, urgent page, offline page)"),
        [_("Trigger: the sign ticked"), _("What the person sees"), _("Tier"), _("Sources")],
        [
            [
                _(s.text),
                " ".join(
                    filter(
                        None,
                        [
                            _(TIERS[s.tier].heading) + " — " + _(TIERS[s.tier].action),
                            _("Raised to the team now when: %(when)s.", when=_(CONDITIONS[s.raised_when].meaning))
                            if s.raised_when
                            else "",
                            _(s.note) if s.note else "",
                        ],
                    )
                ),
                s.tier,
                sources(s.sources),
            ]
            for s in URGENT_SIGNS
        ],
    )
    fever = next(s for s in URGENT_SIGNS if s.key == FEVER_SIGN)
    signs.rows.append(
        [
            _("The fever sign, with treatment in the last 6 weeks answered “Yes”, “I don’t know”, or left blank"),
            _(FEVER_ON_TREATMENT_NOTE),
            fever.tier,
            sources(fever.sources),
        ]
    )
    thresholds = Section(
        "thresholds",
        _("Thresholds"),
        [_("Applies to"), _("From"), _("Meaning"), _("Sources")],
        [[_(t.applies_to), f"{t.at_least}/10", _(t.meaning), sources(t.sources)] for t in THRESHOLDS],
    )
    scores = Section(
        "score-rules",
        _(
            "Scores: when a 0–10 score calls, and how soon. An item is shown in the soonest tier its rules reach; "
            "a score that amounts to an urgent sign is shown in that sign’s words and never below its tier."
        ),
        [_("Trigger"), _("Tier"), _("Urgent sign it amounts to"), _("What the person sees"), _("Sources")],
        [
            [
                at_least(r.items, r.at_least)
                + "".join("; " + (_(SIGNS[c].text) if c in SIGNS else _(CONDITIONS[c].meaning)) for c in r.when),
                r.tier,
                _(SIGNS[r.sign].text) if r.sign else "",
                " ".join(
                    filter(
                        None,
                        [
                            _(TIERS[r.tier].heading),
                            _(r.asks) if r.asks else "",
                            _(r.says) if r.says else "",
                            numbers(r.numbers) if r.numbers else "",
                        ],
                    )
                ),
                sources(r.sources),
            ]
            for r in SCORE_RULES
        ],
    )

    def trigger(s) -> str:
        if s.at_least is None:
            return _("Problem ticked: %(items)s", items=", ".join(_(PROBLEMS[k].label) for k in s.items))
        said = at_least(s.items, s.at_least)
        return said + "; " + _(SIGNS[s.with_sign].text) if s.with_sign else said

    suggestions = Section(
        "suggestions",
        _("Care suggestions"),
        [_("Trigger"), _("Supportive care suggested"), _("Said with it"), _("Sources")],
        [
            [trigger(s), ", ".join(_(CARES[c].name) for c in s.cares), _(s.note) if s.note else "", sources(s.sources)]
            for s in SUGGESTIONS
        ],
    )
    exclusions = Section(
        "exclusions",
        _("Exclusions"),
        [_("Supportive care"), _("Left out when"), _("Why"), _("Sources")],
        [
            [
                _(CARES[x.care].name),
                at_least(x.items, x.at_least) + (_(", or any urgent sign ticked") if x.any_urgent_sign else ""),
                _(x.reason),
                sources(x.sources),
            ]
            for x in EXCLUSIONS
        ],
    )
    context = Section(
        "context",
        _("Context rules (from the optional questions about the person’s situation)"),
        [
            _("Trigger: each question answered with one of the answers listed"),
            _("What the person sees"),
            _("Supportive care suggested"),
            _("Sources"),
        ],
        [
            [
                _(" — or — ").join(_("; ").join(answer(q, v) for q, v in when.items()) for when in r.when),
                _("%(label)s: %(value)s", label=_(r.title), value=" ".join(_(p) for p in r.says))
                + (_(" (to reread before %(date)s)", date=r.review_by.isoformat()) if r.review_by else ""),
                ", ".join(_(CARES[c].name) for c in r.cares),
                sources(r.sources),
            ]
            for r in CONTEXT_RULES
        ],
    )
    references = Section(
        "sources",
        _("Sources"),
        [_("Key"), _("Source"), _("Link")],
        [[f"[{s.key}]", _(s.citation), s.url] for s in SOURCES.values()],
    )
    return [tiers, conditions, signs, scores, thresholds, suggestions, exclusions, context, references]


def to_markdown(_: Translate) -> str:
    """The whole document in Markdown."""
    lines = [f"# {_(TITLE)}", "", _(INTRO), "", _(WHERE_SHOWN), "", _(ORDER), ""]
    for section in rule_sections(_):
        lines += [f"## {section.title}", "", "| " + " | ".join(section.columns) + " |"]
        lines.append("|" + "---|" * len(section.columns))
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in section.rows]
        lines.append("")
    return "\n".join(lines)
