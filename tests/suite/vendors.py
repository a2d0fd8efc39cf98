"""Small vendors for the suite's tests: a one-task Maxsight that can be honest, wrong, garbage or slow."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

MAXSIGHT_TASK = {
    "assessment_id": None,
    "assessment_template_id": None,
    "assignment": None,
    "c_name": "Review documentation",
    "created_at": "2019-08-24T14:15:22Z",
    "custom_metadata": None,
    "data_version": 0,
    "entity_id": None,
    "id": "497f6eca-6276-4993-bfeb-53cbbbba6f08",
    "institution_id": "c75f2c73-5ae4-4f1c-99c0-fc726cd41798",
    "locked_at": None,
    "microfrontend_id": None,
    "name": None,
    "status": "INCOMPLETE",
    "step_name": None,
    "updated_at": "2019-08-24T14:15:22Z",
    "workflow_instance_id": None,
}


def maxsight_app(*, secret: str, mode: str = "honest", log: list[str] | None = None, delay: float = 0.0) -> Starlette:
    """A one-task Maxsight: honest, or answering garbage, or slow; optionally logging every request."""

    async def get_task(request: Request) -> Response:
        if log is not None:
            log.append(f"{request.method} {request.url.path}?{request.url.query} {request.headers.get('apikey')}")
        if delay:
            await asyncio.sleep(delay)
        if mode == "garbage":
            return PlainTextResponse("<html>oops</html>", status_code=200)
        if request.headers.get("apikey") != secret:
            return JSONResponse({"message": "unauthorized"}, status_code=401)
        if request.path_params["task_id"] == MAXSIGHT_TASK["id"]:
            body = dict(MAXSIGHT_TASK, status=1) if mode == "schema-violation" else MAXSIGHT_TASK
            return JSONResponse(body)
        return JSONResponse({"message": "Task not found"}, status_code=404)

    return Starlette(routes=[Route("/v5/tasks/{task_id}", get_task)])
