"""Home, urgent help, sources, guide mode, offline support and the liveness check."""

import shutil

from flask import Blueprint, current_app, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from companion.assessment.rules_document import INTRO, ORDER, TITLE, WHERE_SHOWN, rule_sections
from companion.checklist.on_device import code_qr, current_notebook, own_notebook_code, shown_code
from companion.db import get_session, keeps_nothing
from companion.directory.kinds import KINDS
from companion.directory.search import CentreQuery
from companion.pages.forms import NOT_A_PHONE, GuideModeForm, NextPersonForm, TeamNumberForm
from companion.pages.people import closing_asked_first, forget_what_was_typed, start_next_person
from companion.translatable import N_
from companion.web.caching import cache
from companion.web.device import (
    GUIDE_COOKIE,
    TEAM_PHONE_COOKIE,
    forget_cookie,
    forget_team_phone,
    in_guide_mode,
    keep_cookie,
)
from companion.web.limits import store_reachable
from companion.web.security import same_site_path

bp = Blueprint("pages", __name__)
READ_PROBE = text("SELECT 1 FROM centre LIMIT 1")
# Changes nothing, but a read-only or full database refuses it; rolled back at once anyway.
WRITE_PROBE = text("UPDATE notebook SET touched_at = touched_at WHERE id IS NULL")
TEAM_PHONE_SAVED = N_("Saved: %(phone)s is kept on this phone. It now shows wherever urgent help is offered.")
READY_FOR_NEXT = N_("Ready for the next person: the last person’s answers, place and list are no longer on this phone.")
TEAM_PHONE_REMOVED = N_("The number was removed from this phone.")


@bp.post("/guide")
def guide_mode():
    """Switch "I'm helping someone" mode on or off, then go back to the page it was asked from."""
    form = GuideModeForm()
    form.validate()  # CSRF is checked before any view; an unknown mode means off
    back = same_site_path(form.next.data or "") or url_for(".home")
    response = redirect(back, 303)
    # A change of mode is a change of person: what was typed before is not shown after. (A notebook of the
    # phone's owner stays: guide mode never shows it, and leaving guide mode finds it again.)
    forget_what_was_typed()
    if form.mode.data == "on":
        keep_cookie(response, GUIDE_COOKIE, "on", days=0.5)
    else:
        forget_cookie(response, GUIDE_COOKIE)
    return response


@bp.route("/next-person", methods=["GET", "POST"])
def next_person():
    """Guide mode: start afresh for the next person, with nothing of the last one left on this phone. A notebook
    still open here (the person's list not handed over, or the phone's own, hidden) is closed as anywhere else:
    asked first, its code shown once more, since without it the notebook is lost."""
    form = NextPersonForm(formdata=request.form if request.method == "POST" else request.args)
    form.validate()  # CSRF is checked before any view; anything but "yes" asks first
    after = same_site_path(form.next.data or "") or url_for(".home")
    if request.method == "GET" or (closing_asked_first() and form.confirm.data != "yes"):
        own_code = own_notebook_code()
        return render_template(
            "pages/next_person.html",
            notebook_code=shown_code(own_code) if own_code else "",
            qr=code_qr(own_code) if own_code else "",
            person_list_open=in_guide_mode() and current_notebook() is not None,
            next=after,
        )
    flash(gettext(READY_FOR_NEXT), "done")
    return start_next_person(redirect(after, 303))


@bp.get("/")
def home():
    return render_template("pages/home.html", query=CentreQuery(), kinds=KINDS.values())


@bp.get("/urgent")
def urgent():
    return render_template("pages/urgent.html", team_number_error=None)


@bp.post("/urgent/team-number")
def team_number():
    form = TeamNumberForm()
    response = redirect(url_for(".urgent") + "#team-number", 303)
    if in_guide_mode():  # the number kept is the phone owner's: the page says why nothing is kept
        return response
    if form.validate() and form.action.data == "forget":
        flash(gettext(TEAM_PHONE_REMOVED), "team-number")
        return forget_team_phone(response)
    phone = form.clean_phone()
    if phone is None:
        return render_template("pages/urgent.html", team_number_error=gettext(NOT_A_PHONE)), 422
    keep_cookie(response, TEAM_PHONE_COOKIE, phone, days=2 * 365)
    flash(gettext(TEAM_PHONE_SAVED, phone=phone), "team-number")
    return response


@bp.get("/sources")
def sources():
    return render_template("pages/sources.html")


@bp.get("/offline")
def offline():
    """What the service worker shows for a page it cannot reach: the urgent numbers first."""
    return render_template("pages/offline.html")


@bp.get("/sw.js")
def service_worker():
    """Served from the root so that its scope is the whole site."""
    response = send_from_directory(current_app.static_folder, "js/sw.js", mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/healthz")
@keeps_nothing
def healthz():
    """Liveness for a load balancer: can the database be read, and can it take a write (tried, then undone)?
    Is there room left on the instance's disk? Those failing: 503. The shared cache and rate-limit store (Redis)
    are named too; without them the site still serves (degraded, 200)."""
    session = get_session()
    checks = {}
    for name, statement in (("read", READ_PROBE), ("write", WRITE_PROBE)):
        try:
            session.exec(statement)
            checks[name] = "ok"
        except SQLAlchemyError:
            checks[name] = "unavailable"
        finally:
            session.rollback()
    try:
        free = shutil.disk_usage(current_app.instance_path).free
    except OSError:  # the instance folder is gone
        free = 0
    checks["disk"] = "ok" if free >= current_app.config["HEALTH_MIN_FREE_BYTES"] else "full"
    ok = all(v == "ok" for v in checks.values())
    checks["cache"] = "ok" if cache.reachable() else "unavailable"
    checks["limits"] = "ok" if store_reachable() else "unavailable"
    status = ("ok" if all(v == "ok" for v in checks.values()) else "degraded") if ok else "unavailable"
    return {"status": status, **checks}, 200 if ok else 503


@bp.get("/sources/clinical-rules")
def clinical_rules_page():
    return render_template(
        "pages/clinical_rules.html",
        title=TITLE,
        intro=INTRO,
        where_shown=WHERE_SHOWN,
        order=ORDER,
        sections=rule_sections(gettext),
    )
