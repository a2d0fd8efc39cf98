"""Seed data: realistic task sets for the three APIs, drawn deterministically from one seed."""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from conformance.servers._clock import REFERENCE_TIME, format_time

SAILPOINT = "sailpoint-v2025"
FLEXPRICE = "flexprice"
MAXSIGHT = "maxsight-v5"

SAILPOINT_TASKS = 400
FLEXPRICE_TASKS = 320
MAXSIGHT_TASKS = 320
SEED_WINDOW = timedelta(days=88)
"""Every seed task is created within this window before REFERENCE_TIME (SailPoint hides tasks older than 90 days)."""

Task = dict[str, Any]
T = TypeVar("T")

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# SailPoint: enums from seed 001, task definitions and sources in the style of the seed's example.
SP_TYPES = ("QUARTZ", "QPOC", "QUEUED_TASK")
SP_COMPLETION_STATUSES = ("SUCCESS", "WARNING", "ERROR", "TERMINATED", "TEMPERROR")
_SP_STATUS_WEIGHTS = (70, 10, 10, 5, 5)
_SP_DEFINITIONS = (
    ("Cloud Account Aggregation", "Aggregates from the specified application.", "AccountAggregationTask"),
    ("Cloud Entitlement Aggregation", "Aggregates entitlements from the specified application.", "GroupAggregation"),
    ("Identity Refresh", "Refreshes identity attributes, roles and access profiles.", "IdentityRefreshTask"),
    ("Account Deletion", "Deletes accounts that were removed from the source.", "AccountDeletionTask"),
    ("Source Reset", "Removes every account and entitlement of the source.", "SourceResetTask"),
)
_SP_SOURCES = (
    "Active Directory [source]",
    "Workday [source]",
    "Okta [source]",
    "ServiceNow [source]",
    "Salesforce [source]",
    "GitHub [source]",
    "SAP ERP [source]",
    "Azure AD [source]",
)
_SP_PARENTS = ("Scheduled Aggregation", "Source Onboarding", "Nightly Maintenance")
_SP_LAUNCHERS = ("sweep", "scheduler", "support", "admin@acme-corp.example", "api-client")
_SP_MESSAGES = {
    "SUCCESS": ("INFO", "aggregation.completed", "Aggregation completed without errors."),
    "WARNING": ("WARN", "aggregation.partial", "Some accounts were skipped; see the task details."),
    "ERROR": ("ERROR", "aggregation.failed", "The connector returned an error."),
    "TERMINATED": ("INFO", "task.terminated", "The task was terminated by an administrator."),
    "TEMPERROR": ("ERROR", "connector.timeout", "The source did not answer in time; the task will be retried."),
}

# Flexprice: wire values from specs/README.md decision 13.
FP_TASK_TYPES = ("IMPORT", "EXPORT")
FP_ENTITY_TYPES = ("EVENTS", "PRICES", "CUSTOMERS", "FEATURES")
FP_FILE_TYPES = ("CSV", "JSON")
FP_TASK_STATUSES = ("PENDING", "PROCESSING", "COMPLETED", "FAILED")
FP_EXPORT_BUCKET = "flexprice-exports"

# Maxsight: open values, the page's own first.
_MX_STATUSES = ("INCOMPLETE", "IN_PROGRESS", "COMPLETE", "SKIPPED")
_MX_ASSIGNEE_TYPES = ("USER", "TEAM")
_MX_STEPS = ("Review", "Approval", "Document collection", "Risk assessment", "Sign-off")
_MX_TASK_NAMES = (
    "Review documentation",
    "Verify beneficial owners",
    "Collect proof of address",
    "Approve onboarding",
    "Screen against sanctions lists",
    "Assess credit risk",
)


def seed_data(seed: int) -> dict[str, list[Task]]:
    """Every API's seed tasks, keyed by API name, each list in creation order."""
    return {
        SAILPOINT: _sailpoint_tasks(random.Random(f"{seed}:{SAILPOINT}")),
        FLEXPRICE: _flexprice_tasks(random.Random(f"{seed}:{FLEXPRICE}"), flexprice_account(seed)),
        MAXSIGHT: _maxsight_tasks(random.Random(f"{seed}:{MAXSIGHT}")),
    }


def flexprice_task_id(seed: int, serial: int, moment: datetime) -> str:
    """The id of the `serial`-th task created through the API: a ULID-style id, deterministic from the seed."""
    return _ulid(random.Random(f"{seed}:{FLEXPRICE}:created:{serial}"), moment, prefix="task_")


def flexprice_workflow_id(task_id: str) -> str:
    """The id of the workflow that processes a Flexprice task."""
    return f"TaskProcessingWorkflow-{task_id}"


def flexprice_run_id(workflow_id: str) -> str:
    """The id of the (single) run of a Flexprice workflow: a UUID, as a Temporal run id is."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"flexprice:{workflow_id}"))


def _pick(rng: random.Random, values: Sequence[T], index: int, weights: Sequence[int] | None = None) -> T:
    """values[index] for the first len(values) draws (so every value occurs), a weighted draw afterwards."""
    if index < len(values):
        return values[index]
    return rng.choices(values, weights=weights)[0]


def _creation_times(rng: random.Random, count: int, slack: timedelta) -> list[datetime]:
    """`count` ascending creation instants inside SEED_WINDOW, leaving `slack` before REFERENCE_TIME."""
    start = REFERENCE_TIME - SEED_WINDOW
    span = int((SEED_WINDOW - slack).total_seconds())
    return [start + timedelta(seconds=offset) for offset in sorted(rng.sample(range(span), count))]


def _hex_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ulid(rng: random.Random, moment: datetime, prefix: str) -> str:
    millis = int(moment.timestamp() * 1000)
    time_part = "".join(_CROCKFORD[(millis >> shift) & 31] for shift in range(45, -5, -5))
    random_part = "".join(rng.choice(_CROCKFORD) for _ in range(16))
    return f"{prefix}{time_part}{random_part}"


def _later(rng: random.Random, moment: datetime, low: int, high: int) -> datetime:
    return moment + timedelta(seconds=rng.randint(low, high))


def _sailpoint_tasks(rng: random.Random) -> list[Task]:
    sources = [(_hex_id(rng), name) for name in _SP_SOURCES]
    definition_ids = [_hex_id(rng) for _ in _SP_DEFINITIONS]
    tasks = []
    completed_count = 0
    for index, created in enumerate(_creation_times(rng, SAILPOINT_TASKS, slack=timedelta(hours=3))):
        pending = index % 4 == 1
        status = None if pending else _pick(rng, SP_COMPLETION_STATUSES, completed_count, _SP_STATUS_WEIGHTS)
        completed_count += not pending
        definition = rng.randrange(len(_SP_DEFINITIONS))
        source_id, source_name = rng.choice(sources)
        tasks.append(
            _sailpoint_task(
                rng,
                index=index,
                created=created,
                status=status,
                pending=pending,
                definition=(definition_ids[definition], *_SP_DEFINITIONS[definition]),
                source=(source_id, source_name),
            )
        )
    return tasks


def _sailpoint_task(
    rng: random.Random,
    *,
    index: int,
    created: datetime,
    status: str | None,
    pending: bool,
    definition: tuple[str, str, str, str],
    source: tuple[str, str],
) -> Task:
    definition_id, name, description, executor_class = definition
    task_type = _pick(rng, SP_TYPES, index)
    launched = None if pending and index % 8 == 1 else _later(rng, created, 1, 120)
    completed = None if pending or launched is None else _later(rng, launched, 30, 7200)
    # sailpoint 1.4.2 TaskStatus requires `modified` and `description` non-null (specs/README.md, SDK facts).
    modified = completed or (_later(rng, launched, 1, 600) if launched else created)
    accounts = rng.randint(0, 25_000)
    messages = []
    if status is not None:
        kind, key, text = _SP_MESSAGES[status]
        messages.append(
            {
                "type": kind,
                "localizedText": {"locale": "en-US", "message": text},
                "key": key,
                "parameters": [{"name": source[1]}],
            }
        )
    progress = "Completed" if status else ("Started" if launched else None)
    return {
        "id": _hex_id(rng),
        "type": task_type,
        "uniqueName": name,
        "description": description,
        "parentName": None if index % 3 == 0 else rng.choice(_SP_PARENTS),
        "launcher": rng.choice(_SP_LAUNCHERS),
        "target": None if name == "Identity Refresh" else {"id": source[0], "type": "APPLICATION", "name": source[1]},
        "created": format_time(created),
        "modified": format_time(modified),
        "launched": launched and format_time(launched),
        "completed": completed and format_time(completed),
        "completionStatus": status,
        "messages": messages,
        "returns": [
            {"name": "Accounts scanned", "attributeName": "accountsScanned"},
            {"name": "label", "attributeName": "identityCount"},
        ],
        "attributes": {"appId": source[0], "accountsScanned": accounts, "identityCount": accounts // 3},
        "progress": progress,
        "percentComplete": 100 if status else (rng.randint(1, 99) if launched else 0),
        "taskDefinitionSummary": None
        if task_type == "QPOC"
        else {
            "id": definition_id,
            "uniqueName": name,
            "description": description,
            "parentName": name,
            "executor": "sailpoint.task.ServiceTaskExecutor",
            "arguments": {
                "mantisExecutor": f"com.sailpoint.mantis.sources.task.{executor_class}",
                "serviceClass": "sailpoint.thunderbolt.service.AggregationService",
                "serviceMethod": executor_class[0].lower() + executor_class[1:],
            },
        },
    }


@dataclass(frozen=True)
class FlexpriceAccount:
    """The tenant the Flexprice tasks belong to, its environments and its users."""

    tenant: str
    environments: tuple[str, ...]
    users: tuple[str, ...]


def flexprice_account(seed: int) -> FlexpriceAccount:
    """The Flexprice tenant, environments and users drawn from `seed`."""
    rng = random.Random(f"{seed}:{FLEXPRICE}:account")
    return FlexpriceAccount(
        tenant=_ulid(rng, REFERENCE_TIME - timedelta(days=400), prefix="tenant_"),
        environments=tuple(_ulid(rng, REFERENCE_TIME - timedelta(days=399), prefix="env_") for _ in range(2)),
        users=tuple(_ulid(rng, REFERENCE_TIME - timedelta(days=300), prefix="user_") for _ in range(4)),
    )


def _flexprice_tasks(rng: random.Random, account: FlexpriceAccount) -> list[Task]:
    tenant, environments, users = account.tenant, account.environments, account.users
    tasks = []
    for index, created in enumerate(_creation_times(rng, FLEXPRICE_TASKS, slack=timedelta(hours=3))):
        task_type = _pick(rng, FP_TASK_TYPES, index)
        entity_type = _pick(rng, FP_ENTITY_TYPES, index)
        file_type = _pick(rng, FP_FILE_TYPES, index)
        status = _pick(rng, FP_TASK_STATUSES, index, weights=(10, 10, 65, 15))
        task_id = _ulid(rng, created, prefix="task_")
        user = rng.choice(users)
        file_name = f"{entity_type.lower()}-{created:%Y%m%d}-{index:03d}.{file_type.lower()}"
        started = None if status == "PENDING" else _later(rng, created, 1, 60)
        finished = _later(rng, started, 5, 3600) if status in ("COMPLETED", "FAILED") and started else None
        total = None if status == "PENDING" else rng.randint(10, 50_000)
        failed = 0 if total is None else (rng.randint(1, total) if status == "FAILED" else rng.randint(0, total // 50))
        processed = None if total is None else (total if status == "COMPLETED" else rng.randint(failed, total))
        tasks.append(
            {
                "id": task_id,
                "task_type": task_type,
                "entity_type": entity_type,
                "file_url": _flexprice_file_url(task_type, status, tenant, task_id, file_name),
                "file_name": file_name,
                "file_type": file_type,
                "task_status": status,
                "total_records": total,
                "processed_records": processed,
                "successful_records": None if processed is None else processed - failed,
                "failed_records": None if total is None else failed,
                "error_summary": f"{failed} rows failed validation: missing external_id"
                if status == "FAILED"
                else None,
                "metadata": None if index % 5 == 4 else {"source": rng.choice(("dashboard", "api", "scheduled"))},
                "started_at": started and format_time(started),
                "completed_at": format_time(finished) if status == "COMPLETED" and finished else None,
                "failed_at": format_time(finished) if status == "FAILED" and finished else None,
                "workflow_id": flexprice_workflow_id(task_id),
                "scheduled_task_id": _ulid(rng, created, prefix="schdtask_") if index % 7 == 0 else None,
                "tenant_id": tenant,
                "environment_id": environments[index % 2],
                "status": "published",
                "created_at": format_time(created),
                "updated_at": format_time(finished or started or created),
                "created_by": user,
                "updated_by": user,
            }
        )
    return tasks


def _flexprice_file_url(task_type: str, status: str, tenant: str, task_id: str, file_name: str) -> str | None:
    if task_type == "IMPORT":
        return f"https://uploads.acme-billing.example/imports/{file_name}"
    return flexprice_export_location(tenant, task_id, file_name) if status == "COMPLETED" else None


def flexprice_export_location(tenant: str, task_id: str, file_name: str) -> str:
    """Where Flexprice stores a finished export in its own bucket."""
    return f"s3://{FP_EXPORT_BUCKET}/{tenant}/{task_id}/{file_name}"


MAXSIGHT_PAGE_EXAMPLE: Task = {
    "assessment_id": "9f60a03f-b3de-4b19-9361-0380d9aa1e9e",
    "assessment_template_id": "af8498c1-32bd-4453-b407-761eb6440e9b",
    "assignment": {
        "assigned_by_id": "22930149-1fab-4145-94b5-af2031b8de65",
        "assigned_to_id": "73c0fde6-eb34-47d5-8ccc-1b1d0aa325b6",
        "assigned_to_type": "USER",
        "assignment_comment": None,
    },
    "c_name": "Review documentation",
    "created_at": "2019-08-24T14:15:22Z",
    "custom_metadata": None,
    "data_version": 0,
    "entity_id": "8161163a-f227-466f-bc01-090a01e80165",
    "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
    "institution_id": "c75f2c73-5ae4-4f1c-99c0-fc726cd41798",
    "locked_at": "2019-08-24T14:15:22Z",
    "microfrontend_id": "f1ea2a19-6836-4b1f-824d-8a04dfae4cc7",
    "name": None,
    "status": "INCOMPLETE",
    "step_name": "Review",
    "updated_at": "2019-08-24T14:15:22Z",
    "workflow_instance_id": "46ff49d0-5f69-46b0-9de7-5703639a02ce",
}
"""The task object seed 003 shows; served as the first Maxsight task, so the page's own request finds it."""


def _maxsight_tasks(rng: random.Random) -> list[Task]:
    institution = _uuid(rng)
    microfrontends = [_uuid(rng) for _ in range(3)]
    people = [_uuid(rng) for _ in range(12)]
    templates = [_uuid(rng) for _ in range(5)]
    tasks = [copy.deepcopy(MAXSIGHT_PAGE_EXAMPLE)]
    for index, created in enumerate(_creation_times(rng, MAXSIGHT_TASKS - 1, slack=timedelta(hours=3))):
        status = _pick(rng, _MX_STATUSES, index)
        updated = _later(rng, created, 60, 86_400)
        name = rng.choice(_MX_TASK_NAMES)
        tasks.append(
            {
                "assessment_id": None if index % 7 == 6 else _uuid(rng),
                "assessment_template_id": None if index % 7 == 6 else rng.choice(templates),
                "assignment": None
                if index % 5 == 4
                else {
                    "assigned_by_id": rng.choice(people),
                    "assigned_to_id": rng.choice(people),
                    "assigned_to_type": _pick(rng, _MX_ASSIGNEE_TYPES, index),
                    "assignment_comment": None if index % 3 else "Please complete before the review meeting.",
                },
                "c_name": name,
                "created_at": format_time(created),
                "custom_metadata": None if index % 4 == 0 else {"priority": rng.choice(("low", "normal", "high"))},
                "data_version": rng.randint(0, 6),
                "entity_id": None if index % 9 == 8 else _uuid(rng),
                "id": _uuid(rng),
                "institution_id": institution,
                "locked_at": format_time(updated) if status == "IN_PROGRESS" else None,
                "microfrontend_id": None if index % 6 == 5 else rng.choice(microfrontends),
                "name": None if index % 2 == 0 else f"{name} #{index}",
                "status": status,
                "step_name": None if index % 8 == 7 else rng.choice(_MX_STEPS),
                "updated_at": format_time(updated),
                "workflow_instance_id": None if index % 10 == 9 else _uuid(rng),
            }
        )
    return tasks
