"""Maxsight's seed tasks: seed 003's example first, then tasks of one institution with open values varied."""

from __future__ import annotations

import copy
import random
from datetime import timedelta

from conformance.servers._clock import format_time
from conformance.servers._data import Task, creation_times, later, pick, random_uuid

NAME = "maxsight-v5"
"""The API's name; it also salts the seed's random draws."""

MAXSIGHT_TASKS = 320

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


def seed_tasks(seed: int) -> list[Task]:
    """The seed tasks drawn from `seed`, in creation order."""
    return _maxsight_tasks(random.Random(f"{seed}:{NAME}"))


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
    institution = random_uuid(rng)
    microfrontends = [random_uuid(rng) for _ in range(3)]
    people = [random_uuid(rng) for _ in range(12)]
    templates = [random_uuid(rng) for _ in range(5)]
    tasks = [copy.deepcopy(MAXSIGHT_PAGE_EXAMPLE)]
    for index, created in enumerate(creation_times(rng, MAXSIGHT_TASKS - 1, slack=timedelta(hours=3))):
        status = pick(rng, _MX_STATUSES, index)
        updated = later(rng, created, 60, 86_400)
        name = rng.choice(_MX_TASK_NAMES)
        tasks.append(
            {
                "assessment_id": None if index % 7 == 6 else random_uuid(rng),
                "assessment_template_id": None if index % 7 == 6 else rng.choice(templates),
                "assignment": None
                if index % 5 == 4
                else {
                    "assigned_by_id": rng.choice(people),
                    "assigned_to_id": rng.choice(people),
                    "assigned_to_type": pick(rng, _MX_ASSIGNEE_TYPES, index),
                    "assignment_comment": None if index % 3 else "Please complete before the review meeting.",
                },
                "c_name": name,
                "created_at": format_time(created),
                "custom_metadata": None if index % 4 == 0 else {"priority": rng.choice(("low", "normal", "high"))},
                "data_version": rng.randint(0, 6),
                "entity_id": None if index % 9 == 8 else random_uuid(rng),
                "id": random_uuid(rng),
                "institution_id": institution,
                "locked_at": format_time(updated) if status == "IN_PROGRESS" else None,
                "microfrontend_id": None if index % 6 == 5 else rng.choice(microfrontends),
                "name": None if index % 2 == 0 else f"{name} #{index}",
                "status": status,
                "step_name": None if index % 8 == 7 else rng.choice(_MX_STEPS),
                "updated_at": format_time(updated),
                "workflow_instance_id": None if index % 10 == 9 else random_uuid(rng),
            }
        )
    return tasks
