"""What the suite tests: one API at one base URL, with its credentials, and how to run against it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from conformance._redact import API_KEY_ENV, FRAGMENT_CHARS, TOKEN_ENV
from conformance._registry import Api
from conformance.servers import RateLimit, parse_rate_limit
from conformance.suite._transport import Limits

# Where a part of a curl command starts and ends: path, query and shell separators.
_PART_BEFORE = r"(?<![^/?&=:'\"\s])"
_PART_AFTER = r"(?![^/?&=#'\"\s])"


@dataclass(frozen=True)
class Target:
    """One API at one base URL (the URL includes the API's prefix, as a vendor's server URL does)."""

    api: Api
    base_url: str
    secret: str | None
    embedded: bool
    known_ids: tuple[str, ...] = ()
    spec: Path | None = None  # another version of the API's contract (--spec); the packaged one without it

    @property
    def spec_path(self) -> Path:
        """The contract this run tests against."""
        return self.spec or self.api.spec_path

    @property
    def spec_label(self) -> str:
        """How reports name the contract: the packaged spec under specs/, or the path given."""
        return str(self.spec) if self.spec else self.api.spec_file

    @property
    def shown_url(self) -> str:
        """The base URL as reports show it: the embedded servers' port changes every run, so it is left out."""
        return embedded_label(self.api) if self.embedded else self.base_url

    def auth_headers(self) -> dict[str, str]:
        """Headers that carry the credentials, or none without a secret."""
        return self.api.auth.headers_for(self.secret) if self.secret else {}

    def placeholder_headers(self) -> dict[str, str]:
        """The same headers with the secret replaced by the environment variable that holds it."""
        return self.api.auth.headers_for("$" + secret_env(self.api))

    def curl_with_placeholders(self, curl: str) -> str:
        """A curl command whose credential headers read the secret from its environment variable."""
        for name, value in self.placeholder_headers().items():
            curl = re.sub(
                rf"-H '{re.escape(name)}: [^']*'", lambda _, n=name, v=value: f'-H "{n}: {v}"', curl, flags=re.I
            )
        if self.secret:
            # A secret too short to hunt inside words is replaced where it stands as a part of the command: a path
            # segment, a query value, a quoted or spaced word (never inside a host or another word).
            env = "$" + secret_env(self.api)
            long = len(self.secret) >= FRAGMENT_CHARS
            if long:
                return curl.replace(self.secret, env)
            return re.sub(rf"{_PART_BEFORE}{re.escape(self.secret)}{_PART_AFTER}", lambda _: env, curl)
        return curl


@dataclass(frozen=True)
class SuiteSettings:
    """How hard and how reproducibly to test."""

    max_examples: int = 25
    seed: int = 0
    allow_writes: bool = False
    request_timeout: float = 10.0
    max_response_time: float | None = None  # set by the user: slower answers fail; None: over 2 s is a warning
    deadline: float | None = None  # time.time() at which the run's --max-duration ends
    rate_limit: str | None = None  # --rate-limit as given ("off", or N/S); None: the API's published limit

    def writes_allowed(self, target: Target) -> bool:
        """Write operations run with --allow-writes, or always against the embedded reference servers."""
        return self.allow_writes or target.embedded

    def limits(self, target: Target) -> Limits:
        """The bounds of every request sent to `target`."""
        latency = {} if self.max_response_time is None else {"max_response_time": self.max_response_time}
        return Limits(
            request_timeout=self.request_timeout,
            writes_allowed=self.writes_allowed(target),
            deadline=self.deadline,
            rate_limit=self.pace(target),
            **latency,
        )

    def pace(self, target: Target) -> RateLimit | None:
        """The rate to keep to: none against the embedded servers or with `off`, else the option or the API's own."""
        text = self.rate_limit or target.api.rate_limit
        return None if target.embedded or text in (None, "off") else parse_rate_limit(text)


def embedded_label(api: Api) -> str:
    """How reports name an API served by the embedded reference servers."""
    return f"embedded reference servers, {api.base_path}"


def secret_env(api: Api) -> str:
    """The environment variable that holds this API's secret."""
    return TOKEN_ENV if api.auth.kind == "bearer" else API_KEY_ENV


def resolve_secret(api: Api, token: str | None, api_key: str | None) -> str | None:
    """The secret for `api`: from the matching option, else from its environment variable."""
    given = token if api.auth.kind == "bearer" else api_key
    return given or os.environ.get(secret_env(api)) or None
