"""The CSRF token in a signed cookie of its own beside the sealed session: someone who only searches has no sealed
cookie to open, and CSRF refuses exactly what it refused before."""

import base64

from companion.web.sealed_session import CSRF_KEY
from tests.helpers import PARTIAL, csrf_token, soup, text_of

SEALED, TOKEN = "__Host-session", "__Host-session-csrf"
EN = {"Accept-Language": "en"}


def cookies_set(response) -> dict[str, str]:
    return {line.split("=", 1)[0]: line for line in response.headers.getlist("Set-Cookie")}


def add_to_checklist(client, token: str):
    return client.post("/checklist/items", data={"csrf_token": token, "care": "pain"}, headers=EN)


def test_a_search_leaves_no_sealed_cookie_and_its_token_is_accepted(client):
    response = client.get("/centres?q=Lyon", headers=EN)
    assert TOKEN in cookies_set(response) and SEALED not in cookies_set(response)
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookies_set(response)[TOKEN]
    assert "Domain" not in cookies_set(response)[TOKEN]
    token = soup(response).select_one("input[name=csrf_token]")["value"]
    answer = add_to_checklist(client, token)
    assert answer.status_code == 303
    # The next search reads the token from its cookie, and signs the same one.
    again = client.get("/centres?q=Lyon&kind=", headers={**EN, **PARTIAL})
    assert TOKEN not in cookies_set(again)
    assert add_to_checklist(client, soup(again).select_one("input[name=csrf_token]")["value"]).status_code == 303


def test_a_token_from_another_person_is_refused(app):
    someone, attacker = app.test_client(), app.test_client()
    someone.get("/centres?q=Lyon")
    refused = add_to_checklist(someone, csrf_token(attacker, "/centres?q=Lyon"))
    assert refused.status_code == 400
    assert "session has expired" in text_of(soup(refused))


def test_a_token_cookie_not_signed_by_this_server_opens_nothing(app, client):
    other = app.test_client()
    token = csrf_token(other, "/centres?q=Lyon")
    raw, _, signature = other.get_cookie(TOKEN).value.partition(".")
    # The same raw token with a signature of another key, or a signature of another token: both refused.
    for forged in (f"{raw}.AAAAAA.{signature[::-1]}", f"{'0' * 40}.{signature}", raw):
        client.set_cookie(TOKEN, forged)
        assert add_to_checklist(client, token).status_code == 400


def test_answers_stay_sealed_and_the_token_cookie_holds_only_the_token(client):
    token = csrf_token(client, "/assessment/urgent")
    answer = client.post("/assessment/urgent", data={"csrf_token": token, "on_treatment": "no"}, headers=EN)
    assert answer.status_code < 400
    sealed = client.get_cookie(SEALED).value
    opened = base64.urlsafe_b64decode(sealed.split(".")[0] + "==")
    assert b"on_treatment" not in opened and b"urgent" not in opened  # Fernet: nothing readable
    raw = client.get_cookie(TOKEN).value.split(".")[0]
    assert len(raw) == 40 and int(raw, 16) >= 0  # Flask-WTF's random token, nothing else
    with client.session_transaction() as session:
        assert session[CSRF_KEY] == raw and "assessment" in session


def test_a_cookie_sealed_with_the_token_inside_still_works_then_gives_it_its_own_cookie(app, client):
    raw = "a" * 40
    with app.test_request_context():
        older = app.session_interface.get_signing_serializer(app).dumps({CSRF_KEY: raw})
    client.set_cookie(SEALED, older)
    page = client.get("/centres?q=Lyon", headers=EN)
    assert client.get_cookie(TOKEN).value.startswith(raw + ".")
    assert client.get_cookie(SEALED) is None  # nothing else was in it: deleted
    assert add_to_checklist(client, soup(page).select_one("input[name=csrf_token]")["value"]).status_code == 303


def test_a_new_person_gets_a_token_of_their_own(app):
    """Shared phone: "next person", a change of guide mode and "start with a new person" each end the last
    person's token (its cookie deleted, a page left open refused) and nothing of them stays in the session."""
    for path, fields in (("/next-person", {}), ("/guide", {"mode": "on"}), ("/assessment/restart", {"then": "first"})):
        client = app.test_client()
        token = csrf_token(client, "/assessment/urgent")
        client.post("/assessment/urgent", data={"csrf_token": token, "on_treatment": "no"}, headers=EN)
        response = client.post(path, data={"csrf_token": token, **fields})
        assert response.status_code == 303, path
        if path != "/guide":  # a new person: the offline copy goes too
            assert response.headers["Clear-Site-Data"] == '"storage", "cache"', path
        assert "Max-Age=0" in cookies_set(response)[TOKEN] and client.get_cookie(TOKEN) is None, path
        with client.session_transaction() as session:
            assert set(session) <= {"_flashes"}, path
        assert add_to_checklist(client, token).status_code == 400, path  # person A's page, still open
        assert add_to_checklist(client, csrf_token(client, "/centres?q=Lyon")).status_code == 303, path


def test_the_token_cookie_lasts_no_longer_than_the_session(client):
    """Both are the browser session's cookies: neither outlives the other on a phone that is passed on."""
    page = client.get("/assessment/urgent", headers=EN)
    token = soup(page).select_one("input[name=csrf_token]")["value"]
    answer = client.post("/assessment/urgent", data={"csrf_token": token, "on_treatment": "no"}, headers=EN)
    for line in (cookies_set(page)[TOKEN], cookies_set(answer)[SEALED]):
        assert "Max-Age" not in line and "Expires" not in line, line


def test_a_secret_key_rotation_opens_the_token_exactly_as_long_as_the_session(app, client):
    token = csrf_token(client, "/assessment/urgent")
    client.post("/assessment/urgent", data={"csrf_token": token, "on_treatment": "no"}, headers=EN)
    raw = client.get_cookie(TOKEN).value.split(".")[0]
    app.config["SECRET_KEY_FALLBACKS"], app.secret_key = [app.secret_key], "rotated-key"
    with client.session_transaction() as session:  # the old key among the fallbacks: both still open
        assert session[CSRF_KEY] == raw and "assessment" in session
    app.config["SECRET_KEY_FALLBACKS"] = []
    with client.session_transaction() as session:  # the old key gone: neither opens
        assert CSRF_KEY not in session and "assessment" not in session
    assert add_to_checklist(client, token).status_code == 400


def test_form_tokens_are_an_hmac_of_the_session_value_and_refuse_what_they_refused(app):
    """Once a session has its value, pages carry value.HMAC (no signed serialization to make and check): it opens
    for that session only; Flask-WTF's own format, from the page that made the value, still opens too."""
    person, other = app.test_client(), app.test_client()
    first = csrf_token(person, "/assessment/urgent")  # the page that made the value: Flask-WTF's format
    token = csrf_token(person, "/assessment/urgent")
    value, _, mac = token.partition(".")
    assert first.count(".") == 2 and value == person.get_cookie(TOKEN).value.split(".")[0] and len(mac) == 64
    theirs = csrf_token(other, "/centres?q=Lyon") and csrf_token(other, "/centres?q=Lyon")
    assert theirs.count(".") == 1 and theirs != token
    for refused in ("", value, f"{value}.{'0' * 64}", f"{value}.{mac[::-1]}", f"{'a' * 40}.{mac}", theirs, mac):
        assert add_to_checklist(person, refused).status_code == 400, refused
        swapped = person.post("/checklist/items", data={"care": "pain"}, headers={**PARTIAL, "X-CSRFToken": refused})
        assert swapped.status_code == 400
    assert add_to_checklist(person, first).status_code == 303 and add_to_checklist(person, token).status_code == 303
    header = person.post("/checklist/items", data={"care": "pain"}, headers={**EN, **PARTIAL, "X-CSRFToken": token})
    assert header.status_code == 200
    assert add_to_checklist(other, theirs).status_code == 303


def test_a_form_token_opens_across_a_key_rotation_as_the_session_does(app, client):
    token = csrf_token(client, "/assessment/urgent") and csrf_token(client, "/assessment/urgent")
    assert token.count(".") == 1
    app.config["SECRET_KEY_FALLBACKS"], app.secret_key = [app.secret_key], "rotated-key-" + "r" * 32
    assert add_to_checklist(client, token).status_code == 303
    renewed = csrf_token(client, "/assessment/urgent")
    assert renewed.split(".")[0] == token.split(".")[0] and renewed != token  # signed with the current key
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert add_to_checklist(client, token).status_code == 400  # the session ended with its key


def test_after_next_person_the_last_persons_form_token_is_refused(app, client):
    """Shared phone: a page of person A left open (its token value.HMAC) opens nothing for person B."""
    mine = csrf_token(client, "/assessment/urgent") and csrf_token(client, "/assessment/urgent")
    assert mine.count(".") == 1
    assert client.post("/next-person", data={"csrf_token": mine}).status_code == 303
    assert add_to_checklist(client, mine).status_code == 400
    theirs = csrf_token(client, "/assessment/urgent") and csrf_token(client, "/assessment/urgent")
    assert theirs.split(".")[0] != mine.split(".")[0] and add_to_checklist(client, theirs).status_code == 303
