"""A team adds its own task API as a package of its own: an entry point, a spec, a reference server, seed data and
one fault, registered under `taskconform.apis` like this project's APIs, with no file of `conformance/` edited."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

NAME = "acme-tasks"
EXAMPLE = "4f6d2a8e-1b3c-4d5e-8f90-a1b2c3d4e5f6"
KEY = "acme-reference-key"
FAULT = "acme-missing-title"

PACKAGE = '''
"""Acme Tasks: a team's own task API, registered under the `taskconform.apis` entry points."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from conformance.core import Api, ApiContract, AuthScheme, ReferenceServer, document
from conformance.servers import ApiError, Call, Fault, Reply, creation_times, each_task, random_uuid, without

NAME = "acme-tasks"
DOCUMENT = "acme-tasks.md"
GET = document(DOCUMENT, "Get a task", "Returns the task with its title and status.")
EXAMPLE = "4f6d2a8e-1b3c-4d5e-8f90-a1b2c3d4e5f6"  # the documents' example task, first of the seed


def seed_tasks(seed: int) -> list[dict]:
    rng = random.Random(f"{seed}:{NAME}")
    return [
        {"id": EXAMPLE if n == 0 else random_uuid(rng), "title": f"Task {n}", "status": rng.choice(["open", "done"]),
         "created_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ")}
        for n, moment in enumerate(creation_times(rng, 12, timedelta(days=30)))
    ]


def get_task(call: Call) -> Reply:
    with call.store.lock:
        task = call.store.tasks[NAME].get(call.params["task_id"].lower())
    if task is None:
        raise ApiError(404, "no such task")
    return Reply(200, task)


API = Api(
    name=NAME,
    title="Acme - Tasks",
    spec_path=Path(__file__).with_name("acme-tasks.yaml"),
    base_path="/acme",
    auth=AuthScheme(kind="api-key", header="x-acme-key"),
    has_list=False,
    contract_from=lambda spec: ApiContract(get_by_id="GET /tasks/{task_id}", id_param="task_id", id_format="uuid"),
    server=ReferenceServer(
        handlers={"getTask": get_task},
        seed_tasks=seed_tasks,
        error_body=lambda status, message: {"error": message},
        credential="acme-reference-key",
        task_bodies={"getTask": "one"},
        by_id=frozenset({"getTask"}),
        faults=(
            Fault("acme-missing-title", NAME, "response-schema", "acme-tasks.md: the task has a title",
                  "The task lacks its title.", rewrite=each_task(without("title"))),
        ),
        invalid_path_status=404,
    ),
    rests_on={check: (GET,) for check in (
        "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
        "response_schema_conformance", "negative_data_rejection", "positive_data_acceptance", "ignored_auth",
        "missing_required_header", "unsupported_method", "ensure_resource_availability", "request",
        "auth_required", "get_matches_list", "unknown_id",
    )},
    codes_stated=True,
    documents=(DOCUMENT,),
)
'''

SPEC = """
openapi: 3.1.0
info: {title: Acme - Tasks, version: "1"}
servers: [{url: https://acme.example/acme}]
security: [{key: []}]
paths:
  /tasks/{task_id}:
    get:
      operationId: getTask
      parameters:
        - name: task_id
          in: path
          required: true
          schema: {type: string, format: uuid}
          example: 4f6d2a8e-1b3c-4d5e-8f90-a1b2c3d4e5f6
      responses:
        "200":
          description: The task.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Task"}
        "401": {description: No valid key.}
        "404": {description: No such task.}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: x-acme-key}
  schemas:
    Task:
      type: object
      required: [id, title, status, created_at]
      properties:
        id: {type: string, format: uuid}
        title: {type: string}
        status: {type: string, enum: [open, done]}
        created_at: {type: string, format: date-time}
"""


@pytest.fixture(scope="module")
def team_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process that has the team's package installed: on its path, with its dist-info."""
    root = tmp_path_factory.mktemp("team")
    package = root / "acme_tasks"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(PACKAGE).lstrip())
    (package / "acme-tasks.yaml").write_text(textwrap.dedent(SPEC).lstrip())
    info = root / "acme_tasks-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-tasks\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[taskconform.apis]\n{NAME} = acme_tasks:API\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    env["TASKCONFORM_API_KEY"] = KEY
    return env


def _run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "conformance.cli", "run", "--api", NAME, "--max-examples", "5", *args]
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def serving_the_fault(team_env: dict[str, str]) -> Iterator[str]:
    """The team's reference server with its fault on, as `taskconform serve` runs it; its base URL."""
    argv = [sys.executable, "-m", "conformance.cli", "serve", "--port", "0", "--fault", FAULT]
    server = subprocess.Popen(argv, env=team_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(3)]
        origin = re.search(r"on (http://127\.0\.0\.1:\d+)", lines[0])
        assert origin, lines
        yield origin.group(1) + "/acme"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_team_api_is_registered_beside_this_projects_own(team_env: dict[str, str], tmp_path: Path) -> None:
    listing = subprocess.run(
        [sys.executable, "-m", "conformance.cli", "serve", "--list-faults"],
        env=team_env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert f"{FAULT}\t{NAME}\tresponse-schema" in listing.stdout
    assert "sailpoint-v2025" in listing.stdout  # this project's APIs are still there


def test_the_suite_passes_the_team_reference_server_and_fails_it_with_the_fault(
    team_env: dict[str, str], serving_the_fault: str, tmp_path: Path
) -> None:
    clean = _run(team_env, "--report-dir", str(tmp_path / "clean"), cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout[-2000:] + clean.stderr[-2000:]
    faulty = _run(
        team_env, "--base-url", serving_the_fault, "--task-id", EXAMPLE, "--rate-limit", "off",
        "--report-dir", str(tmp_path / "faulty"), cwd=tmp_path,
    )  # fmt: skip
    assert faulty.returncode == 1, faulty.stdout[-2000:] + faulty.stderr[-2000:]
    assert "response_schema_conformance" in faulty.stdout
