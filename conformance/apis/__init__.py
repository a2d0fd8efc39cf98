"""This project's own API packages, one folder each; each registers its `API` under the `taskconform.apis` entry
points (pyproject.toml), as a team's own API package would (see conformance._registry)."""
