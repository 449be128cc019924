"""Slots: HTML rendered once with slots, cut once, filled for each request in one pass."""

import pytest
from jinja2 import Environment

from companion.web.slots import Slots

PAGE = Environment(autoescape=True).from_string(
    '<form><input name="q" value="{{ place }}"><input name="csrf_token" value="{{ token() }}">'
    "<p>{{ place }} · café</p></form>"
)


def test_a_page_cut_at_its_slots_is_filled_with_each_requests_values():
    slots = Slots()
    shell = slots.cut(PAGE.render(place=slots("place"), token=lambda: slots("token")))
    assert shell.keys == ["place", "token", "place"] and len(slots) == 2  # one word per key, shown where used
    assert shell.fill({"place": "Bondy", "token": "t1"}) == (
        '<form><input name="q" value="Bondy"><input name="csrf_token" value="t1"><p>Bondy · café</p></form>'
    )
    assert shell.fill({"place": "Lyon", "token": "t2"}).count("Lyon") == 2  # the same shell, the next request


def test_a_value_spelling_a_slot_is_shown_as_it_is_never_filled_in_turn():
    slots = Slots()
    shell = slots.cut(PAGE.render(place=slots("place"), token=lambda: slots("token")))
    typed = str(slots("token"))
    assert shell.fill({"place": typed, "token": "secret"}).count(typed) == 2
    assert shell.fill({"place": typed, "token": "secret"}).count("secret") == 1


def test_texts_in_utf8_are_filled_with_utf8():
    slots = Slots()
    shell = slots.cut(PAGE.render(place=slots("place"), token=lambda: slots("token")), utf8=True)
    html = shell.fill({"place": "Créteil".encode(), "token": b"t"})
    assert isinstance(html, bytes) and html.decode().endswith("<p>Créteil · café</p></form>")


def test_a_missing_value_is_an_error_unless_a_blank_is_given():
    slots = Slots()
    shell = slots.cut(f"<input{slots(('checked', 'pain', 3))}><input{slots(('checked', 'pain', 4))}>")
    with pytest.raises(KeyError):
        shell.fill({("checked", "pain", 3): " checked"})
    assert shell.fill({("checked", "pain", 3): " checked"}, blank="") == "<input checked><input>"


def test_a_page_without_slots_is_one_text():
    shell = Slots().cut("<p>rien à remplir</p>")
    assert shell.keys == [] and shell.fill({}) == "<p>rien à remplir</p>"
