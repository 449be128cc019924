"""Control characters never get past the request: every field of every form, and the query string."""

from flask import request
from flask_wtf import FlaskForm
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

import companion.assessment.forms
import companion.checklist.forms
import companion.directory.forms
import companion.pages.forms  # noqa: F401  (every form of the app is imported, so listed below)
from companion.db import make_engine
from companion.directory.models import CentreReport
from companion.plain_text import CONTROL
from tests.helpers import FUZZ, soup

# Every control character but tab and line breaks (C0, DEL, C1).
CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"]


def all_forms() -> list[type[FlaskForm]]:
    forms, waiting = [], list(FlaskForm.__subclasses__())
    while waiting:
        form = waiting.pop()
        waiting.extend(form.__subclasses__())
        if form.__module__.startswith("companion."):
            forms.append(form)
    return forms


FIELDS = sorted(
    {(form, name) for form in all_forms() for name, field in vars(form).items() if hasattr(field, "field_class")},
    key=lambda pair: (pair[0].__qualname__, pair[1]),
)


def test_every_form_of_the_app_is_covered():
    assert {form.__module__ for form, _ in FIELDS} >= {
        "companion.assessment.forms",
        "companion.checklist.forms",
        "companion.directory.forms",
        "companion.pages.forms",
    }
    assert len(FIELDS) > 20


@FUZZ
@given(field=st.sampled_from(FIELDS), control=st.sampled_from(CONTROLS), text=st.text(max_size=30))
def test_no_field_of_any_form_keeps_a_control_character(app, field, control, text):
    form_class, name = field
    typed = f"{text}{control}a{control}"
    with app.test_request_context("/", method="POST", data={name: typed}, query_string={name: typed}):
        value = form_class(meta={"csrf": False})[name].data
        assert not CONTROL.search(value if isinstance(value, str) else "")
        assert not CONTROL.search(request.args[name] + request.form[name])


def test_a_change_reported_with_control_characters_is_kept_without_them(client, app):
    page = client.get("/centres/sdc-foch/report")
    token = soup(page).select_one("input[name=csrf_token]")["value"]
    details = "Nouveau numéro\x00 le 01\x1b[31m 23\x7f 45"
    response = client.post(
        "/centres/sdc-foch/report", data={"csrf_token": token, "reason": "phone", "details": details}
    )
    assert response.status_code == 200
    engine = make_engine(app.config["DATABASE_URL"], pooled=False)
    with Session(engine) as session:
        assert [r.details for r in session.exec(select(CentreReport))] == ["Nouveau numéro le 01[31m 23 45"]
    engine.dispose()
