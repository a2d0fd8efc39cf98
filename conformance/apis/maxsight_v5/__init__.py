"""Maxsight v5 Tasks: its registry entry, read by the suite and the servers."""

from __future__ import annotations

from conformance.apis._api import Api, AuthScheme, ReferenceServer
from conformance.apis.maxsight_v5 import _contract, _data, _errors, _faults, _server, _variants

API = Api(
    name=_data.NAME,
    title="Maxsight v5 - Tasks",
    spec_file="maxsight-v5-tasks.yaml",
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
)
