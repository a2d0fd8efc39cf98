"""SailPoint Identity Security Cloud v2025 Task Management: its registry entry, read by the suite and the servers."""

from __future__ import annotations

from conformance.apis.sailpoint_v2025 import _contract, _data, _errors, _faults, _server, _statements, _variants
from conformance.core._api import Api, AuthScheme, ReferenceServer
from conformance.core._spec import specs_dir

API = Api(
    name=_data.NAME,
    title="SailPoint Identity Security Cloud v2025 - Task Management",
    spec_path=specs_dir() / "sailpoint-v2025-task-management.yaml",
    base_path="/v2025",
    auth=AuthScheme(kind="bearer", header="Authorization"),
    has_list=True,
    contract_from=_contract.contract_from,
    server=ReferenceServer(
        handlers=_server.HANDLERS,
        seed_tasks=_data.seed_tasks,
        error_body=_errors.error_body,
        credential="ref-sailpoint-token",
        task_bodies=_server.TASK_BODIES,
        by_id=_server.BY_ID,
        faults=_faults.FAULTS,
        variants=_variants.VARIANTS,
        client_note="the header X-SailPoint-Experimental: true",
    ),
    # SailPoint's API gateway: 100 requests per 10 seconds per client (decision 33; not in the seeds).
    rate_limit="100/10s",
    rests_on=_statements.RESTS_ON,
    documents=_statements.DOCUMENTS,
)
