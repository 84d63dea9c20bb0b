"""Every Graph API request checked against Meta's OpenAPI description and limits.json.

The OpenAPI file (Graph v23.0) gives the shape of a message (`#/components/schemas/Message`:
text, interactive, document, template, ...). It composes objects with `allOf` parts that each
say `additionalProperties: false`, which a JSON Schema validator reads as "no field of the
other part allowed"; the parts are merged into one object first, as Meta means them. One
addition, from Meta's 2026 documentation: a message may name its recipient by business-scoped
user id (`recipient`) instead of a phone number (`to`).

One erratum: the template component's button `index` has the pattern `^[2-6, 11-14]$` (a
character class that refuses "0"), while its description says "0-9" and Meta's own example is
"0"; the description's `^[0-9]$` is checked instead.

`limits.json` gives what the schema does not encode (10 list rows over all sections, unique
button titles, caption 1,024, document 100 MB).
"""

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

REFERENCE = Path(__file__).parent / "reference"
OPENAPI = REFERENCE / "business-messaging-api_v23.0.yaml"
LIMITS = REFERENCE / "limits.json"


@cache
def limit(rule_start: str) -> dict[str, Any]:
    """The WhatsApp limit whose rule starts with these words."""
    for rule in json.loads(LIMITS.read_text(encoding="utf-8"))["whatsapp"]:
        if rule["rule"].startswith(rule_start):
            return rule  # type: ignore[no-any-return]
    raise KeyError(rule_start)


def _merge_all_of(node: Any, schemas: dict[str, Any]) -> Any:
    """The schema tree with object `allOf` parts merged into one object."""
    if isinstance(node, list):
        return [_merge_all_of(item, schemas) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _merge_all_of(value, schemas) for key, value in node.items()}
    parts = node.get("allOf")
    if not isinstance(parts, list):
        return node
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    closed = False
    for part in parts:
        if "$ref" in part:
            part = _merge_all_of(schemas[part["$ref"].rsplit("/", 1)[1]], schemas)
        merged["properties"].update(part.get("properties", {}))
        merged["required"] += [r for r in part.get("required", []) if r not in merged["required"]]
        closed = closed or part.get("additionalProperties") is False
    if closed:
        merged["additionalProperties"] = False
    rest = {key: value for key, value in node.items() if key != "allOf"}
    return {**rest, **merged}


@cache
def _document() -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(OPENAPI.read_text(encoding="utf-8"), Loader=loader)
    schemas = document["components"]["schemas"]
    base = copy.deepcopy(schemas["BaseMessageProperties"])
    base["properties"]["recipient"] = {"type": "string"}
    base["required"] = [r for r in base["required"] if r != "to"]
    schemas["BaseMessageProperties"] = base
    component = copy.deepcopy(schemas["TemplateComponent"])
    component["properties"]["index"]["pattern"] = "^[0-9]$"
    schemas["TemplateComponent"] = component
    document["components"]["schemas"] = {
        name: _merge_all_of(schema, schemas) for name, schema in schemas.items()
    }
    return document  # type: ignore[no-any-return]


@cache
def _validator(name: str) -> Draft202012Validator:
    document = _document()
    registry: Registry = Registry().with_resource("urn:graph", Resource.opaque(document))  # type: ignore[type-arg]
    return Draft202012Validator(
        {"$ref": f"urn:graph#/components/schemas/{name}"}, registry=registry
    )


def automation_problems(payload: dict[str, Any]) -> list[str]:
    """What Meta would refuse in a POST /{phone-number-id}/conversational_automation body
    (the schema's limits: at most 30 commands, names of letters, digits and _ up to 30,
    descriptions up to 256; command names unique)."""
    problems = [
        f"schema: {error.message[:300]} at {list(error.absolute_path)}"
        for error in _validator("ConversationalAutomationRequest").iter_errors(payload)
    ]
    names = [c.get("command_name") for c in payload.get("commands", []) if isinstance(c, dict)]
    if len(names) != len(set(names)):
        problems.append("command names repeated")
    return problems


def message_problems(payload: dict[str, Any]) -> list[str]:
    """What Meta would refuse in a POST /{phone-number-id}/messages body."""
    if payload.get("status") == "read":
        return _read_problems(payload)
    problems = [
        f"schema: {error.message[:300]} at {list(error.absolute_path)}"
        for error in _validator("Message").iter_errors(payload)
    ]
    if not payload.get("to") and not payload.get("recipient"):
        problems.append("no recipient (to or recipient)")
    kind = payload.get("type")
    if kind == "text":
        body = payload.get("text", {}).get("body", "")
        if not 1 <= len(body) <= limit("text message body")["max"]:
            problems.append(f"text of {len(body)} characters")
    elif kind == "interactive":
        problems += _interactive_problems(payload.get("interactive", {}))
    elif kind == "document":
        caption = payload.get("document", {}).get("caption")
        if caption is not None and len(caption) > limit("media caption")["max"]:
            problems.append(f"caption of {len(caption)} characters")
        if not payload.get("document", {}).get("filename"):
            problems.append("document without a filename")
    elif kind == "template":
        problems += _template_problems(payload.get("template", {}))
    else:
        problems.append(f"lsp-bot never sends {kind!r} messages")
    return problems


def _read_problems(payload: dict[str, Any]) -> list[str]:
    problems = []
    if payload.get("messaging_product") != "whatsapp":
        problems.append("mark-read without messaging_product")
    if not str(payload.get("message_id", "")).startswith("wamid."):
        problems.append("mark-read of a message id Meta never gave")
    typing = payload.get("typing_indicator")
    if typing is not None and typing != {"type": "text"}:
        problems.append(f"typing_indicator {typing!r}")
    extra = set(payload) - {"messaging_product", "status", "message_id", "typing_indicator"}
    if extra:
        problems.append(f"mark-read with {sorted(extra)}")
    return problems


def _interactive_problems(interactive: dict[str, Any]) -> list[str]:
    problems = []
    body = interactive.get("body", {}).get("text", "")
    if not 1 <= len(body) <= limit("interactive body.text")["max"]:
        problems.append(f"interactive body of {len(body)} characters")
    action = interactive.get("action", {})
    if interactive.get("type") == "button":
        buttons = action.get("buttons", [])
        titles = [b["reply"]["title"] for b in buttons]
        if not 1 <= len(buttons) <= limit("reply buttons per message")["max"]:
            problems.append(f"{len(buttons)} reply buttons")
        if len(set(titles)) != len(titles) or not all(t.strip() for t in titles):
            problems.append(f"button titles not unique and non-empty: {titles}")
        for button in buttons:
            reply_id = button["reply"]["id"]
            if reply_id != reply_id.strip() or not reply_id:
                problems.append(f"button id {reply_id!r}")
    elif interactive.get("type") == "list":
        rows = [row for section in action.get("sections", []) for row in section.get("rows", [])]
        if not 1 <= len(rows) <= limit("list: rows total")["max"]:
            problems.append(f"{len(rows)} list rows in all")
        if len(action.get("sections", [])) > 1 and not all(
            s.get("title") for s in action["sections"]
        ):
            problems.append("several list sections without titles")
        ids = [row["id"] for row in rows]
        if len(set(ids)) != len(ids):
            problems.append("list row ids not unique")
    else:
        problems.append(f"interactive type {interactive.get('type')!r}")
    return problems


def _template_problems(template: dict[str, Any]) -> list[str]:
    problems = []
    for component in template.get("components", []):
        for parameter in component.get("parameters", []):
            text = parameter.get("text")
            if text is not None and ("\n" in text or "\t" in text or "     " in text):
                problems.append(f"template variable with new lines or tabs: {text!r}")
            if text is not None and not text.strip():
                problems.append("empty template variable")
    return problems
