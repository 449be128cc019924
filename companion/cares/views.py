"""Supportive-care explainers, who else can help, and the caregivers' path."""

from flask import Blueprint, abort, render_template, request

from companion.cares.catalogue import (
    AFTER_CANCER_CARES,
    AFTER_CANCER_PATHWAY,
    ALL_CARES,
    BASKET_SOURCE,
    CAREGIVER_RESPITE,
    CAREGIVER_SUPPORT,
    CARES,
    CONTACTS,
    GROUPS,
    PRACTICE_NOTE,
    PRACTICES_GROUP,
)
from companion.directory.kinds import KINDS
from companion.directory.lookups import last_place, network_of_place
from companion.web.render import render

bp = Blueprint("cares", __name__)
GROUP_FILTERS = (*GROUPS, "practice")  # what ?group= may narrow the list to


@bp.get("/cares")
def index():
    group = request.args.get("group", "")
    if group and group not in GROUP_FILTERS:
        abort(404)
    shown = [c for c in ALL_CARES.values() if not group or c.group == group]
    return render(
        "pages/cares.html",
        "partials/cares/list.html",
        group=group,
        cares=shown,
        groups=GROUPS,
        practices_group=PRACTICES_GROUP,
        practice_note=PRACTICE_NOTE,
        source=BASKET_SOURCE,
    )


@bp.get("/cares/<key>")
def detail(key: str):
    care = ALL_CARES.get(key)
    if care is None:
        abort(404)
    return render_template(
        "pages/care.html",
        care=care,
        group_name=GROUPS.get(care.group, PRACTICES_GROUP),
        kinds=KINDS,
        in_basket=key in CARES,
        practice_note=PRACTICE_NOTE,
        source=BASKET_SOURCE,
        after_cancer=AFTER_CANCER_PATHWAY if key in AFTER_CANCER_CARES else "",
        # Where no kind lists the care, the network of the place last searched in this browser session.
        network=None if care.resource_kind else network_of_place(last_place()),
    )


@bp.get("/help")
def contacts():
    return render_template("pages/contacts.html", contacts=CONTACTS)


@bp.get("/caregivers")
def caregivers():
    return render_template(
        "pages/caregivers.html", carers=CARES["carers"], support=CAREGIVER_SUPPORT, respite=CAREGIVER_RESPITE
    )
