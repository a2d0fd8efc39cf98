"""Maxsight v5 Tasks: its registry entry, read by the suite and the servers."""

from __future__ import annotations

from conformance.apis.maxsight_v5 import _contract, _data, _errors, _faults, _server, _statements, _variants
from conformance.core._api import Api, AuthScheme, ReferenceServer
from conformance.core._spec import specs_dir

API = Api(
    name=_data.NAME,
    title="Maxsight v5 - Tasks",
    spec_path=specs_dir() / "maxsight-v5-tasks.yaml",
    base_path="/v5",
    auth=AuthScheme(kind="api-key", header="apikey"),
    has_list=False,
    contract_from=_contract.contract_from,
    server=ReferenceServer(
        handlers=_server.HANDLERS,
        seed_tasks=_data.seed_tasks,
        error_body=_errors.error_body,
        credential="ref-maxsight-key",
        task_bodies=_server.TASK_BODIES,
        by_id=_server.BY_ID,
        faults=_faults.FAULTS,
        variants=_variants.VARIANTS,
        invalid_path_status=_server.INVALID_PATH_STATUS,
    ),
    rests_on=_statements.RESTS_ON,
    documents=_statements.DOCUMENTS,
    # The page states 401 and 404 itself: another 4XX for the same situation is no documented choice.
    codes_stated=True,
)
