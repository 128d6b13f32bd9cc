"""The JSON API against its own OpenAPI description, fuzzed with schemathesis."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from threadline.serve.app import create_app

PATHS = ("/index.json", "/search.json", "/documents.json", "/documents/{doc_id}.json", "/entities.json", "/entities/{entity_id}.json",
         "/figures.json", "/timeline.json", "/network.json", "/map.json", "/stories.json", "/sources.json", "/rejected.json", "/alerts.json")
# A request that breaks the description is refused with a 4xx; the request limits refuse an over-long
# path or query with 414 and a large body with 413, both described (serve/limits.py), before the
# parameters are read, so they count as refusals too.
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": [
    "400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "5xx",
]}}})


@pytest.fixture(scope="module")
def api(workbench):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(workbench["db"]), config=CONFIG)


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


def test_serve_openapi_stateful_walk_finds_no_server_error(workbench):
    """Sequences of calls that follow the description's links (a listing's first id opens its page)
    and random parameters: every answer conforms, and none is a server error."""
    from hypothesis.stateful import run_state_machine_as_test

    api = schemathesis.openapi.from_asgi("/openapi.json", create_app(workbench["db"]), config=CONFIG)
    machine = api.as_state_machine()
    steps = []

    class Walk(machine):  # type: ignore[misc, valid-type]
        def validate_response(self, response, case, **kwargs):
            steps.append((case.operation.path, response.status_code))
            assert response.status_code < 500, (case.operation.path, response.status_code)
            super().validate_response(response, case, **kwargs)

    run_state_machine_as_test(
        Walk, settings=settings(max_examples=12, stateful_step_count=6, deadline=None, derandomize=True, database=None,
                                suppress_health_check=list(HealthCheck))
    )
    assert any(path in ("/documents/{doc_id}.json", "/entities/{entity_id}.json") for path, _ in steps)
    assert any(status == 200 for path, status in steps if "{" in path)  # a link was followed to a real item
