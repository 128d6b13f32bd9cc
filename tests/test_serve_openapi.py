"""The JSON API against its own OpenAPI description, fuzzed with schemathesis."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from threadline.serve.app import create_app

PATHS = ("/index.json", "/search.json", "/documents.json", "/documents/{doc_id}.json", "/entities.json", "/entities/{entity_id}.json",
         "/figures.json", "/timeline.json", "/network.json", "/map.json", "/stories.json", "/sources.json", "/rejected.json", "/alerts.json")


@pytest.fixture(scope="module")
def api(workbench):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(workbench["db"]))


def test_serve_openapi_fuzzes_every_operation(api):
    """Each operation is drawn through hypothesis directly (no pytest plugin), so the
    test does not depend on the plugin's private pytest internals."""
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.path for op in operations} >= set(PATHS)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
        def conforms(case):
            case.call_and_validate()

        conforms()


def test_serve_openapi_documents_every_json_twin(workbench):
    app = create_app(workbench["db"])
    paths = app.openapi()["paths"]
    for twin in PATHS:
        responses = paths[twin]["get"]["responses"]
        assert "200" in responses and "400" in responses and "422" not in responses, twin
    assert "404" in paths["/documents/{doc_id}.json"]["get"]["responses"]
    assert not [p for p in paths if not p.endswith(".json")]
