"""SailPoint's seed tasks: pending and completed task statuses in the style of seed 001's example."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from conformance.servers._clock import format_time
from conformance.servers._data import Task, creation_times, hex_id, later, pick

NAME = "sailpoint-v2025"
"""The API's name; it also salts the seed's random draws."""

SAILPOINT_TASKS = 400

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


def seed_tasks(seed: int) -> list[Task]:
    """The seed task statuses drawn from `seed`, in creation order."""
    return _sailpoint_tasks(random.Random(f"{seed}:{NAME}"))


def _sailpoint_tasks(rng: random.Random) -> list[Task]:
    sources = [(hex_id(rng), name) for name in _SP_SOURCES]
    definition_ids = [hex_id(rng) for _ in _SP_DEFINITIONS]
    tasks = []
    completed_count = 0
    for index, created in enumerate(creation_times(rng, SAILPOINT_TASKS, slack=timedelta(hours=3))):
        pending = index % 4 == 1
        status = None if pending else pick(rng, SP_COMPLETION_STATUSES, completed_count, _SP_STATUS_WEIGHTS)
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
    task_type = pick(rng, SP_TYPES, index)
    launched = None if pending and index % 8 == 1 else later(rng, created, 1, 120)
    completed = None if pending or launched is None else later(rng, launched, 30, 7200)
    # sailpoint 1.4.2 TaskStatus requires `modified` and `description` non-null (specs/README.md, SDK facts).
    modified = completed or (later(rng, launched, 1, 600) if launched else created)
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
        "id": hex_id(rng),
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
