"""Flexprice Tasks: its registry entry, read by the suite and the servers."""

from __future__ import annotations

from conformance.apis.flexprice import _contract, _data, _errors, _faults, _server, _statements, _variants
from conformance.core._api import Api, AuthScheme, ReferenceServer
from conformance.core._spec import specs_dir

API = Api(
    name=_data.NAME,
    title="Flexprice - Tasks",
    spec_path=specs_dir() / "flexprice-tasks.yaml",
    base_path="/v1",
    auth=AuthScheme(kind="api-key", header="x-api-key"),
    has_list=True,
    contract_from=_contract.contract_from,
    server=ReferenceServer(
        handlers=_server.HANDLERS,
        seed_tasks=_data.seed_tasks,
        error_body=_errors.error_body,
        credential="ref-flexprice-key",
        task_bodies=_server.TASK_BODIES,
        by_id=_server.BY_ID,
        faults=_faults.FAULTS,
        variants=_variants.VARIANTS,
    ),
    rests_on=_statements.RESTS_ON,
    documents=_statements.DOCUMENTS,
)
