"""An upload endpoint done carefully: a question-bank YAML import for NEETPrepGPT.

The service has no such endpoint (its bank is seeded from files in the repository); this
listing shows how one would be built. Four gates, cheapest first: the body size (FastAPI's
per-route `max_body_size`), the multipart shape (`form_limits`), the file's declared type,
then the content itself (UTF-8, YAML without aliases, and the real `BankQuestion` model).
"""

import asyncio
from typing import Annotated, Any

import httpx
import yaml
from fastapi import FastAPI, Form, UploadFile, status
from pydantic import BaseModel, TypeAdapter, ValidationError

from neetprepgpt.bank.schemas import ID_PREFIX, BankQuestion
from neetprepgpt.questions.schemas import SubjectKey
from servicekit.middleware import BodySizeLimit
from servicekit.problems import (
    PayloadTooLarge,
    ProblemError,
    Unprocessable,
    install_problem_handlers,
)

MAX_FILE_BYTES = 64_000  # roughly 100 questions; the whole physics file is far smaller
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
questions_adapter = TypeAdapter(list[BankQuestion])  # built once, reused on every request


class UnsupportedMediaType(ProblemError):
    status = 415
    slug = "unsupported-media-type"
    title = "Unsupported Media Type"


class ImportReport(BaseModel):
    subject: str
    valid: int
    ids: list[str]


def invalid(location: str, message: str, kind: str) -> Unprocessable:
    issue = {"location": location, "message": message, "type": kind}
    return Unprocessable(f"The upload has invalid fields: {location}.", errors=[issue])


def parse_yaml(text: str) -> Any:
    try:
        # Anchors and aliases let 1 KB of YAML describe a structure with billions of nodes.
        # No question needs them, so refuse them before building anything.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text)):
            raise invalid("file", "YAML aliases (*name) are not allowed", "yaml_alias")
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise invalid("file", f"not valid YAML: {exc.__class__.__name__}", "yaml_invalid") from exc


app = FastAPI()
install_problem_handlers(app)
app.add_middleware(
    BodySizeLimit, max_bytes=1_000_000
)  # the kit's app-wide limit, as in both services


@app.post(
    "/v1/bank/imports",
    status_code=status.HTTP_200_OK,
    operation_id="check_bank_import",
    max_body_size=MAX_FILE_BYTES + 2_000,  # FastAPI's own per-route limit: file plus envelope
    form_limits={"max_files": 1, "max_fields": 1, "max_part_size": 100},
)
async def check_bank_import(
    file: UploadFile, subject: Annotated[SubjectKey, Form()]
) -> ImportReport:
    """Validate a `questions/<subject>.yaml` file without storing it (a dry run)."""
    if file.content_type not in YAML_TYPES or not (file.filename or "").endswith((".yaml", ".yml")):
        raise UnsupportedMediaType(
            f"Send a .yaml file as application/yaml, not {file.content_type}."
        )
    raw = await file.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # a second, exact check: the route limit counts the envelope
        raise PayloadTooLarge(f"The file is larger than {MAX_FILE_BYTES} bytes.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise invalid("file", "not UTF-8 text", "not_utf8") from exc
    try:
        questions = questions_adapter.validate_python(parse_yaml(text))
    except ValidationError as exc:
        issues = [
            {
                "location": "file." + ".".join(map(str, e["loc"])),
                "message": e["msg"],
                "type": e["type"],
            }
            for e in exc.errors()[:20]  # enough to fix the file; never an unbounded list
        ]
        raise Unprocessable("The file has invalid questions.", errors=issues) from exc
    wrong = [q.id for q in questions if not q.id.startswith(ID_PREFIX[subject] + "-")]
    if wrong:
        raise invalid(
            "file", f"ids not in the {subject} series: {', '.join(wrong)}", "wrong_series"
        )
    return ImportReport(subject=subject, valid=len(questions), ids=[q.id for q in questions])


GOOD = """
- id: PHY-901
  chapter: gravitation
  difficulty: easy
  format: single
  stem: Where is the acceleration due to gravity largest on the Earth's surface?
  options: {A: At the equator, B: At the poles, C: At 45 degrees latitude, D: Same everywhere}
  answer: B
  explanation: The poles are closer to the centre and have no centrifugal reduction.
"""

BAD = GOOD.replace("answer: B", "answer: E").replace("At the poles", "At the equator")
BOMB = 'a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b]\n'


async def upload(
    client: httpx.AsyncClient,
    content: bytes,
    name: str = "physics.yaml",
    kind: str = "application/yaml",
) -> httpx.Response:
    files = {"file": (name, content, kind)}
    return await client.post("/v1/bank/imports", files=files, data={"subject": "physics"})


def line(label: str, response: httpx.Response) -> None:
    body = response.json()
    if response.status_code == 200:
        print(f"{label:<14} 200 valid={body['valid']} ids={body['ids']}")
        return
    where = [f"{i['location']} {i['type']}" for i in body.get("errors", [])]
    print(f"{label:<14} {response.status_code} {body['title']}: {where or body.get('detail')}")


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        cases = {
            "good file": (await upload(client, GOOD.encode()), 200),
            "bad questions": (await upload(client, BAD.encode()), 422),
            "alias bomb": (await upload(client, BOMB.encode()), 422),
            "not UTF-8": (await upload(client, GOOD.encode("utf-16")), 422),
            "a PDF": (await upload(client, b"%PDF-1.7", "paper.pdf", "application/pdf"), 415),
        }
        for label, (response, expected) in cases.items():
            line(label, response)
            assert response.status_code == expected, label
            assert response.status_code == 200 or response.headers["content-type"] == (
                "application/problem+json"
            )

        # Two different 413s: the route's limit (FastAPI) and the app's limit (the kit).
        for label, size in (("80 KB file", 80_000), ("2 MB file", 2_000_000)):
            response = await upload(client, b"#" * size)
            kind = response.headers["content-type"].split(";")[0]
            print(f"{label:<14} {response.status_code} {kind}: {response.text[:60]}")
            assert response.status_code == 413

        two_files = [
            ("file", ("a.yaml", GOOD.encode(), "application/yaml")),
            ("file", ("b.yaml", GOOD.encode(), "application/yaml")),
        ]
        response = await client.post(
            "/v1/bank/imports", files=two_files, data={"subject": "physics"}
        )
        line("two files", response)
        assert response.status_code == 400


if __name__ == "__main__":
    asyncio.run(main())
