"""Templates' words are worked out once per language (web/i18n._words_kept): the same text as before, in the
right language, and nothing a person typed kept between requests."""

import pytest
from flask import render_template_string

from companion.web.i18n import translate

WORDS = (
    "{{ _('Where I am') }}|{{ _(typed) }}|{{ _('Last change: %(date)s', date=marked) }}|{{ _('100%% sure') }}"
    "|{{ _(typed ~ ' %(date)s', date=marked) }}"
)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_words_are_the_catalogues_and_what_a_person_typed_is_never_kept(app, lang):
    kept = app.jinja_env.globals["gettext"].kept
    typed, marked = "Zorglub près de chez moi", "Zorglub <b>près</b>"
    for _ in range(2):  # worked out, then taken from what was kept: the same both times
        with app.test_request_context(f"/?lang={lang}"):
            where, same, sentence, percent, own = render_template_string(WORDS, typed=typed, marked=marked).split("|")
            assert where == translate("Where I am") and where == ("Où j’en suis" if lang == "fr" else "Where I am")
            assert same == typed  # no catalogue holds it: shown as it came
            assert sentence.endswith(" Zorglub &lt;b&gt;près&lt;/b&gt;")  # values are escaped
            assert percent == "100% sure"
            assert own == "Zorglub près de chez moi Zorglub &lt;b&gt;près&lt;/b&gt;"
    formats = app.jinja_env.globals["gettext"].formats
    messages = {message for _language, message, _escape in [*kept, *formats]}
    assert "Where I am" in messages and "Last change: %(date)s" in messages
    assert not any("Zorglub" in message for message in messages)


def test_a_catalogue_word_is_kept_once_per_language(app):
    kept = app.jinja_env.globals["gettext"].kept
    for lang in ("fr", "en", "fr"):
        with app.test_request_context(f"/?lang={lang}"):
            render_template_string("{{ _('Where I am') }}")
    assert sorted((language, shown) for (language, message, _e), shown in kept.items() if message == "Where I am") == [
        ("en", "Where I am"),
        ("fr", "Où j’en suis"),
    ]


def test_a_render_whose_language_is_not_the_requests_keeps_nothing(app):
    kept = app.jinja_env.globals["gettext"].kept
    with app.test_request_context("/?lang=en"):
        # A template given another language than the request's: its words are the request's, never kept.
        assert render_template_string("{{ _('Where I am') }}", locale="fr") == "Where I am"
    assert not any(language == "fr" for language, _m, _e in kept)
