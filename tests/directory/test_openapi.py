"""The API against its own OpenAPI 3.1 document: schemathesis generates requests from the document
(valid and invalid) and checks every live response — status, content type and body — against it."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from companion.directory.kinds import AUDIENCES, DAYS, KINDS, PHONE_TYPES, PRECISIONS


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.mark.parametrize("path", ["/centres", "/openapi.json"])
def test_every_response_matches_the_document(api_schema, path):
    # schemathesis's pytest loader doesn't run under this pytest: the same cases, through hypothesis.
    @given(case=api_schema[path]["GET"].as_strategy())
    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case):
        # A schema can't say "q, or lat and lon", nor which towns exist: a well-formed request for no
        # place is a 400 with a message, which the document lists; every other check applies.
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()


@pytest.mark.parametrize(
    "query",
    [
        "q=Lyon",  # outside the region: coverage first, then help
        "q=Cayenne",  # overseas: no help nearby either
        "q=Paris&kind=eri",  # an entry whose place is unknown comes apart
        "q=Bondi",  # no such town: suggestions
        "lat=48.91&lon=2.49&audience=adults",
    ],
)
def test_the_answers_that_matter_match_the_document(api_schema, client, query):
    operation = api_schema["/centres"]["GET"]
    response = client.get(f"/api/v1/centres?{query}")
    operation.validate_response(response)


def test_the_document_is_openapi_3_1_and_names_the_data_licences(client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    assert document["info"]["license"]["identifier"] == "AGPL-3.0-or-later"
    assert "Licence Ouverte" in document["info"]["description"]
    assert document["servers"][0]["url"].endswith("/api/v1")


def test_the_documents_lists_are_the_directorys_own(client):
    # A kind (or audience, line type, precision, day) added to kinds.py is in the API's document with nothing
    # else to edit; the responses above are checked against these lists.
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert schemas["Kind"]["enum"] == list(KINDS)
    assert schemas["Audience"]["enum"] == list(AUDIENCES)
    assert schemas["PhoneType"]["enum"] == [*PHONE_TYPES, None]
    assert schemas["PositionPrecision"]["enum"] == list(PRECISIONS)
    assert schemas["Day"]["enum"] == list(DAYS)
