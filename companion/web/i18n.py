"""Locale choice: ?lang= (remembered in a cookie), then the cookie, then Accept-Language."""

import re
from functools import cache
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, current_app, g, request, url_for
from flask_babel import Babel, get_locale, get_translations, gettext
from jinja2 import pass_context
from markupsafe import Markup, escape

from companion.config import LANGUAGES
from companion.translatable import N_, Refusal
from companion.web.device import keep_cookie

LANG_COOKIE = "lang"
# The query parameters that choose what a page shows, kept by its language links. No others: url_for reads
# _method, _scheme, _external and _anchor itself, and a page should not echo keys it doesn't know.
SHOWN_BY = ("q", "kind", "lat", "lon", "limit", "audience", "group")
babel = Babel()
# The characters werkzeug's url_for leaves as they are in a query string (the URL standard's safe ones).
QUERY_SAFE = "!$'()*,/:;?@"


def select_locale() -> Locale:
    """The language of this request, as a Locale made once per language (Flask-Babel would parse its name on
    every request)."""
    return _locale(_chosen())


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def _chosen() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        g.remember_lang = asked
        return asked
    if request.cookies.get(LANG_COOKIE) in languages:
        return request.cookies[LANG_COOKIE]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def remember_choice(response):
    if "lang" in request.args:
        get_locale()  # the choice is noted when the locale is first needed, and an answer (a redirect) may need none
    lang = g.get("remember_lang")
    if lang and request.cookies.get(LANG_COOKIE) != lang:
        keep_cookie(response, LANG_COOKIE, lang, days=365)
    return response


def lang_url(code: str) -> str:
    """This page's URL in another language."""
    asked, here = request._get_current_object(), g._get_current_object()  # read below a dozen times
    if here.get("shown_url"):  # after an htmx swap that changed the address bar: that page
        return f"{here.shown_url}?{urlencode({'lang': code})}"
    endpoint = asked.endpoint
    if endpoint and endpoint != "static":
        # A page holding a secret (holds_secret(): the notebook's code) echoes nothing from its address, which
        # a compressed answer would otherwise let an attacker compare with the secret (BREACH).
        args = asked.args
        shown = {} if here.get("holds_secret") else {name: args[name] for name in SHOWN_BY if name in args}
        path = None if asked.view_args else _plain_path(endpoint, asked.script_root)
        if path is None:
            return url_for(endpoint, **{**(asked.view_args or {}), **shown, "lang": code})
        # What url_for would build (tests/web/test_language_links.py compares them), without building it.
        return f"{path}?{urlencode({**shown, 'lang': code}, safe=QUERY_SAFE)}"
    return url_for("pages.home", lang=code)


def _plain_path(endpoint: str, script_root: str) -> str | None:
    """The path of an endpoint whose one rule takes no argument and has no default (most pages), worked out
    once per app and script root: every response carries language links, and url_for costs a tenth of a
    cached search. None for any other endpoint (url_for then builds the link)."""
    known = current_app.extensions.setdefault("plain_paths", {})
    key = (endpoint, script_root)
    if key not in known:
        rules = list(current_app.url_map.iter_rules(endpoint))
        plain = len(rules) == 1 and not rules[0].arguments and not rules[0].defaults
        known[key] = url_for(endpoint) if plain else None
    return known[key]


LANGUAGE = N_("Language")
# Sent by the language buttons of a form page: keep what was answered, show the same page in that language.
STAY_FIELD = "stay"


def keep_answers_on_language_change(form_id: str, action: str) -> None:
    """This page's form is not sent yet: its language switch sends it along (nothing answered is lost)."""
    g.answers_form = (form_id, action)


def language_switch(oob: bool = False) -> Markup:
    """The links to this page in the other languages, built here rather than through a template: every
    fragment an htmx swap gets carries it (out of band, `oob`), so it must cost next to nothing."""
    current = str(get_locale())
    keeping = g.get("answers_form")  # (form id, the URL it posts to): a step whose answers are not sent yet
    if keeping:
        # A button of that form: it sends the answers given so far with the change of language (STAY_FIELD).
        form_id, action = keeping
        links = "".join(
            f'\n  <button type="submit" form="{form_id}" formaction="{escape(action)}?{urlencode({"lang": code})}"'
            f' name="{STAY_FIELD}" value="{code}" class="link-button" lang="{code}" data-keep-answers>{name}</button>'
            for code, name in LANGUAGES.items()
            if code != current
        )
    else:
        links = "".join(
            f'\n  <a href="{escape(lang_url(code))}" lang="{code}" hreflang="{code}">{name}</a>'
            for code, name in LANGUAGES.items()
            if code != current
        )
    swap = ' hx-swap-oob="true"' if oob else ""
    label = escape(_translations().ugettext(LANGUAGE))
    return Markup(f'<nav id="language-switch" class="language-switch" aria-label="{label}"{swap}>{links}\n</nav>')  # noqa: S704  # nosec B704  # every part escaped above


def language_links() -> dict:
    """Template helpers: the current locale, and the links to this page in the other languages."""
    return {"locale": str(get_locale()), "language_switch": language_switch}


# French elides "de" before a vowel and contracts it with the articles of names such as Le Havre or Les Lilas:
# "près d’Ajaccio", "près du Havre". Only before a capital, that is a name put into a sentence; never before
# an h, which may be aspirated (le Havre is, Hyères is not), so "de H…" is left as it is.
_DE_VOWEL = re.compile(r"\b([Dd])e (?=[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ])")
_DE_ARTICLE = re.compile(r"\b([Dd])e (Le|Les) ")


def elide(text: str) -> str:
    """A sentence with a place name in it, as French writes it ("près de Ajaccio" → "près d’Ajaccio")."""
    if not (_DE_VOWEL.search(text) or _DE_ARTICLE.search(text)) or str(get_locale()) != "fr":
        return text  # the usual case, found without looking up the language
    done = _DE_VOWEL.sub("\\1’", _DE_ARTICLE.sub(lambda m: f"{m[1]}{'u' if m[2] == 'Le' else 'es'} ", text))
    # Markup in, Markup out: the substitutions add no markup, and what was escaped stays escaped.
    return Markup(done) if isinstance(text, Markup) else done  # noqa: S704  # nosec B704


def refusal_text(refusal: Refusal) -> str:
    """A domain's refusal in the language of the page."""
    return gettext(refusal.message, **refusal.values)


def holds_secret() -> None:
    """Say this request's page holds a secret (its language links then keep no query parameter)."""
    g.holds_secret = True


def _translations():
    """This request's catalogue, looked up once per request (templates call gettext a hundred times a page) in
    the app's catalogues, each found once per language (the files change only with a new deployment)."""
    translations = g.get("translations")  # one lookup through Flask's proxy, not two
    if translations is None:
        catalogues = current_app.extensions.setdefault("catalogues", {})
        locale = str(get_locale())
        if locale not in catalogues:
            catalogues[locale] = get_translations()
        translations = g.translations = catalogues[locale]
    return translations


def translate(msgid: str, **variables) -> str:
    """gettext from this request's catalogue (Flask-Babel's own looks the catalogue up on every call), then
    `variables` put in as Flask-Babel's gettext does."""
    text = _translations().ugettext(msgid)
    return text % variables if variables else text


def _words_kept():
    """Jinja's gettext, with each message of the catalogues worked out once per language: the translation made
    Markup when autoescaping, then the values put in (and so escaped), as Jinja's own does it, but Jinja did it
    on every call, even without values (a tenth of a checklist item's rendering). Only a msgid the catalogue
    holds is kept (it translates into another string object; anything else comes back as the very string it was
    given), so nothing a person typed is ever kept."""
    formats: dict = {}  # (language, message, autoescape) -> the translation that values are put in
    kept: dict = {}  # the same keys -> what the template shows when there are no values

    @pass_context
    def words(context, message, **values):
        # The page's language as every render has it (language_links()): read from the template's own variables,
        # not through Flask's request globals, on each of a page's hundred words.
        key = (context.get("locale"), message, context.eval_ctx.autoescape)
        shown = None if values else kept.get(key)
        if shown is not None:
            return shown
        form = formats.get(key)
        if form is None:
            text = _translations().ugettext(message)
            form = Markup(text) if key[2] else text  # noqa: S704  # nosec B704  # a catalogue's message
            if key[0] != str(get_locale()) or text is message:
                return form % values  # not kept: a render in another language, or no catalogue holds it
            formats[key] = form
        shown = form % values
        if not values:
            kept[key] = shown
        return shown

    words.kept, words.formats = kept, formats  # for the tests
    return words


def init_app(app: Flask):
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        lambda text: _translations().ugettext(text),
        lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True,
    )
    # `_()` calls it directly: Jinja's own `_` looks "gettext" up in the template and calls it, on every word.
    app.jinja_env.globals["gettext"] = app.jinja_env.globals["_"] = _words_kept()
    app.after_request(remember_choice)
