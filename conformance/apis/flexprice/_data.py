"""Flexprice's seed tasks: imports and exports of one tenant, with their workflows and export files."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from conformance.servers._clock import REFERENCE_TIME, format_time
from conformance.servers._data import Task, creation_times, later, pick, ulid

NAME = "flexprice"
"""The API's name; it also salts the seed's random draws."""

FLEXPRICE_TASKS = 320

# Flexprice: wire values from specs/README.md decision 13.
FP_TASK_TYPES = ("IMPORT", "EXPORT")
FP_ENTITY_TYPES = ("EVENTS", "PRICES", "CUSTOMERS", "FEATURES")
FP_FILE_TYPES = ("CSV", "JSON")
FP_TASK_STATUSES = ("PENDING", "PROCESSING", "COMPLETED", "FAILED")
FP_EXPORT_BUCKET = "flexprice-exports"


def seed_tasks(seed: int) -> list[Task]:
    """The seed tasks drawn from `seed`, in creation order."""
    return _flexprice_tasks(random.Random(f"{seed}:{NAME}"), flexprice_account(seed))


def flexprice_task_id(seed: int, serial: int, moment: datetime) -> str:
    """The id of the `serial`-th task created through the API: a ULID-style id, deterministic from the seed."""
    return ulid(random.Random(f"{seed}:{NAME}:created:{serial}"), moment, prefix="task_")


def flexprice_workflow_id(task_id: str) -> str:
    """The id of the workflow that processes a Flexprice task."""
    return f"TaskProcessingWorkflow-{task_id}"


def flexprice_run_id(workflow_id: str) -> str:
    """The id of the (single) run of a Flexprice workflow: a UUID, as a Temporal run id is."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"flexprice:{workflow_id}"))


@dataclass(frozen=True)
class FlexpriceAccount:
    """The tenant the Flexprice tasks belong to, its environments and its users."""

    tenant: str
    environments: tuple[str, ...]
    users: tuple[str, ...]


def flexprice_account(seed: int) -> FlexpriceAccount:
    """The Flexprice tenant, environments and users drawn from `seed`."""
    rng = random.Random(f"{seed}:{NAME}:account")
    return FlexpriceAccount(
        tenant=ulid(rng, REFERENCE_TIME - timedelta(days=400), prefix="tenant_"),
        environments=tuple(ulid(rng, REFERENCE_TIME - timedelta(days=399), prefix="env_") for _ in range(2)),
        users=tuple(ulid(rng, REFERENCE_TIME - timedelta(days=300), prefix="user_") for _ in range(4)),
    )


def _flexprice_tasks(rng: random.Random, account: FlexpriceAccount) -> list[Task]:
    tenant, environments, users = account.tenant, account.environments, account.users
    tasks = []
    for index, created in enumerate(creation_times(rng, FLEXPRICE_TASKS, slack=timedelta(hours=3))):
        task_type = pick(rng, FP_TASK_TYPES, index)
        entity_type = pick(rng, FP_ENTITY_TYPES, index)
        file_type = pick(rng, FP_FILE_TYPES, index)
        status = pick(rng, FP_TASK_STATUSES, index, weights=(10, 10, 65, 15))
        task_id = ulid(rng, created, prefix="task_")
        user = rng.choice(users)
        file_name = f"{entity_type.lower()}-{created:%Y%m%d}-{index:03d}.{file_type.lower()}"
        started = None if status == "PENDING" else later(rng, created, 1, 60)
        finished = later(rng, started, 5, 3600) if status in ("COMPLETED", "FAILED") and started else None
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
                "scheduled_task_id": ulid(rng, created, prefix="schdtask_") if index % 7 == 0 else None,
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
