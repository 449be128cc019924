from companion import create_app
from tests.helpers import PARTIAL, soup, text_of


def test_writes_share_a_budget_and_reading_is_never_limited(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WRITE_LIMIT": "3 per minute"})
    client = app.test_client()
    csrf = soup(client.get("/assessment/urgent")).select_one("input[name=csrf_token]")["value"]
    codes = [client.post("/assessment/urgent", data={"csrf_token": csrf}).status_code for _ in range(3)]
    assert codes == [303, 303, 303]
    refused = client.post(
        "/checklist/items", data={"csrf_token": csrf, "care": "pain"}, headers={"Accept-Language": "en"}
    )
    assert refused.status_code == 429 and "Too many attempts" in text_of(soup(refused).main)
    swapped = client.post("/assessment/urgent", data={"csrf_token": csrf}, headers={**PARTIAL, "Accept-Language": "en"})
    assert swapped.status_code == 429 and swapped.headers["HX-Retarget"] == "#messages"
    assert all(client.get(url).status_code == 200 for url in ["/", "/centres?q=Bondy", "/checklist"] * 3)
