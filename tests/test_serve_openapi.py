"""The JSON API against its own OpenAPI description, fuzzed with schemathesis."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from threadline.serve.app import create_app


@pytest.fixture(scope="module")
def api(workbench):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(workbench["db"]))


schema = schemathesis.pytest.from_fixture("api")


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
def test_serve_api_conforms_to_its_openapi(case):
    case.call_and_validate()


def test_serve_openapi_documents_every_json_twin(workbench):
    app = create_app(workbench["db"])
    paths = app.openapi()["paths"]
    for twin in ("/index.json", "/search.json", "/documents.json", "/documents/{doc_id}.json", "/entities.json", "/entities/{entity_id}.json",
                 "/figures.json", "/timeline.json", "/network.json", "/map.json", "/stories.json", "/sources.json", "/rejected.json"):
        responses = paths[twin]["get"]["responses"]
        assert "200" in responses and "400" in responses and "422" not in responses, twin
    assert "404" in paths["/documents/{doc_id}.json"]["get"]["responses"]
    assert not [p for p in paths if not p.endswith(".json")]
