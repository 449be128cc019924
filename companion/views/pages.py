"""Home, urgent help, sources, the parts still to come, and the liveness check."""

from flask import Blueprint, render_template
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..centre_search import CentreQuery
from ..db import get_session
from ..kinds import KINDS

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    return render_template("pages/home.html", query=CentreQuery(), kinds=KINDS.values())


@bp.get("/urgent")
def urgent():
    return render_template("pages/urgent.html")


@bp.get("/sources")
def sources():
    return render_template("pages/sources.html")


@bp.get("/assessment")
def assessment():
    return render_template("pages/coming_soon.html", part="assessment")


@bp.get("/checklist")
def checklist():
    return render_template("pages/coming_soon.html", part="checklist")


@bp.get("/healthz")
def healthz():
    try:
        get_session().exec(text("SELECT 1")).one()
    except SQLAlchemyError:
        return {"status": "unavailable"}, 503
    return {"status": "ok"}
