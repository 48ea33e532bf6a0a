"""A streaming client for any OpenAI-compatible /v1/chat/completions endpoint."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from mastery.errors import MasteryError
from mastery.tokens import estimate_tokens


class LLMError(MasteryError):
    """The endpoint could not give a complete answer; nothing should be written."""


class LLMSettings(BaseSettings):
    """Where the model lives: MASTERY_LLM_BASE_URL, _MODEL, _API_KEY, _TIMEOUT, ..."""

    model_config = SettingsConfigDict(env_prefix="MASTERY_LLM_", extra="ignore")

    base_url: str = Field(min_length=1)
    model: str = Field(min_length=1)
    api_key: SecretStr | None = None
    timeout: float = Field(default=120.0, gt=0)
    connect_timeout: float = Field(default=10.0, gt=0)
    temperature: float = Field(default=0.7, ge=0, le=2)
    max_tokens: int | None = Field(default=None, gt=0)

    @property
    def chat_url(self) -> str:
        base = self.base_url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"


def load_settings(**overrides: Any) -> LLMSettings:
    """Settings from the environment (and explicit overrides), with a clear message when unset."""
    clean = {key: value for key, value in overrides.items() if value is not None}
    try:
        return LLMSettings(**clean)
    except ValidationError as exc:
        names = ", ".join(
            f"MASTERY_LLM_{str(error['loc'][0]).upper()} ({error['msg'].lower()})"
            for error in exc.errors()
        )
        raise MasteryError(f"LLM settings are incomplete or invalid: {names}", 2) from None


Message = dict[str, str]


@dataclass(frozen=True)
class Completion:
    text: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    tokens_estimated: bool
    seconds: float


@dataclass
class _Stream:
    parts: list[str]
    finish_reason: str | None = None
    usage: dict[str, Any] | None = None
    done: bool = False


def _headers(settings: LLMSettings) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "Accept": "text/event-stream"}
    if settings.api_key is not None and settings.api_key.get_secret_value():
        headers["Authorization"] = f"Bearer {settings.api_key.get_secret_value()}"
    return headers


def _payload(settings: LLMSettings, messages: list[Message]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "model": settings.model,
        "messages": messages,
        "stream": True,
        "stream_options": {"include_usage": True},
        "temperature": settings.temperature,
    }
    if settings.max_tokens is not None:
        payload["max_tokens"] = settings.max_tokens
    return payload


def _http_error(response: httpx.Response, url: str) -> LLMError:
    body = response.read().decode("utf-8", "replace").strip()
    detail = body[:300]
    try:
        parsed = json.loads(body)
        error = parsed.get("error") if isinstance(parsed, dict) else None
        if isinstance(error, dict) and "message" in error:
            detail = str(error["message"])
        elif isinstance(error, str):
            detail = error
    except ValueError:
        pass
    if response.status_code in (401, 403):
        return LLMError(
            f"the endpoint refused the API key (HTTP {response.status_code}): {detail}; "
            "check MASTERY_LLM_API_KEY"
        )
    if response.status_code == 404:
        return LLMError(f"{url} answered 404: check MASTERY_LLM_BASE_URL and the model ({detail})")
    return LLMError(f"the endpoint answered HTTP {response.status_code}: {detail}")


def _consume(line: str, stream: _Stream, on_delta: Callable[[str], None]) -> None:
    if not line.startswith("data:"):
        return  # comments (": keep-alive"), event names and ids carry nothing we need
    data = line[5:].strip()
    if data == "[DONE]":
        stream.done = True
        return
    try:
        chunk = json.loads(data)
    except ValueError:
        raise LLMError(f"malformed stream: a data line is not JSON: {data[:120]!r}") from None
    if not isinstance(chunk, dict):
        raise LLMError("malformed stream: a chunk is not a JSON object")
    if "error" in chunk:
        raise LLMError(f"the endpoint reported an error mid-stream: {chunk['error']}")
    if isinstance(chunk.get("usage"), dict):
        stream.usage = chunk["usage"]
    choices = chunk.get("choices")
    if not isinstance(choices, list):
        raise LLMError("malformed stream: a chunk has no `choices` list")
    for choice in choices:
        if not isinstance(choice, dict):
            raise LLMError("malformed stream: a choice is not a JSON object")
        delta = choice.get("delta") or {}
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            stream.parts.append(content)
            on_delta(content)
        if choice.get("finish_reason"):
            stream.finish_reason = str(choice["finish_reason"])


def _whole(body: bytes, stream: _Stream, on_delta: Callable[[str], None]) -> None:
    """Read a non-streamed chat.completion body into the same stream state."""
    try:
        data = json.loads(body)
        choice = data["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LLMError("malformed answer: a JSON body without choices[0].message.content") from None
    if not isinstance(content, str):
        raise LLMError("malformed answer: the message content is not text")
    stream.parts.append(content)
    on_delta(content)
    stream.finish_reason = str(choice.get("finish_reason") or "stop")
    stream.usage = data.get("usage") if isinstance(data.get("usage"), dict) else None
    stream.done = True


def stream_chat(
    settings: LLMSettings,
    messages: list[Message],
    on_delta: Callable[[str], None] = lambda _text: None,
) -> Completion:
    """Stream one chat completion; any incomplete answer raises LLMError."""
    url = settings.chat_url
    timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
    started = time.perf_counter()
    stream = _Stream(parts=[])
    try:
        with (
            httpx.Client(timeout=timeout) as client,
            client.stream(
                "POST", url, headers=_headers(settings), json=_payload(settings, messages)
            ) as response,
        ):
            if response.status_code >= 400:
                raise _http_error(response, url)
            if response.headers.get("content-type", "").startswith("application/json"):
                _whole(response.read(), stream, on_delta)  # a server that ignored "stream"
            for line in response.iter_lines() if not stream.done else ():
                _consume(line, stream, on_delta)
                if stream.done:
                    break
    except httpx.TimeoutException:
        raise LLMError(
            f"no answer from {url} within {settings.timeout:g}s (MASTERY_LLM_TIMEOUT)"
        ) from None
    except httpx.ConnectError as exc:
        raise LLMError(f"cannot reach {url}: {exc}; is the server running?") from None
    except httpx.HTTPError as exc:
        raise LLMError(f"the connection to {url} failed: {type(exc).__name__}: {exc}") from None
    text = "".join(stream.parts)
    if not stream.done:
        raise LLMError("truncated stream: the connection closed before [DONE]")
    if stream.finish_reason == "length":
        raise LLMError(
            "the model stopped at its token limit (finish_reason=length): the section is "
            "incomplete; raise MASTERY_LLM_MAX_TOKENS or the server's context size"
        )
    if not text.strip():
        raise LLMError("the model answered with no content")
    usage = stream.usage or {}
    prompt_tokens = usage.get("prompt_tokens")
    completion_tokens = usage.get("completion_tokens")
    estimated = not (isinstance(prompt_tokens, int) and isinstance(completion_tokens, int))
    return Completion(
        text=text,
        finish_reason=stream.finish_reason or "stop",
        prompt_tokens=prompt_tokens
        if isinstance(prompt_tokens, int)
        else estimate_tokens("\n".join(m["content"] for m in messages)),
        completion_tokens=completion_tokens
        if isinstance(completion_tokens, int)
        else estimate_tokens(text),
        tokens_estimated=estimated,
        seconds=time.perf_counter() - started,
    )
