"""Generates ``python/fidelity_scale/_types.py`` from the JSON Schemas the core generates from its types
(``fidelity-items/schema/{report,bank,comparison,trend,verification}.schema.json``), so the Python objects have the core's shape and no
second definition to drift. Run it after ``FIDELITY_UPDATE_SCHEMAS=1 cargo test -p fidelity-core --test
schemas``; ``tests/test_types.py`` fails when the committed file is stale.

    python tools/gen_types.py            # rewrite the file
    python tools/gen_types.py --check    # exit 1 if it is stale
"""

from __future__ import annotations

import json
import keyword
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parents[2] / "fidelity-items" / "schema"
TARGET = HERE.parent / "python" / "fidelity_scale" / "_types.py"
ROOTS = ["report", "bank", "comparison", "trend", "verification", "analysis", "worksheet", "office-report"]


def camel(s: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in s.replace("-", "_").split("_"))


class Generator:
    def __init__(self) -> None:
        self.defs: dict[str, dict] = {}
        self.out: list[str] = []
        self.done: set[str] = set()

    def add_schema(self, schema: dict) -> None:
        # A root schema is also a definition of another (the office report holds a comparison): the same
        # type but for the root's title.
        def untitled(d: dict) -> dict:
            return {k: v for k, v in d.items() if k != "title"}

        for name, d in schema.get("$defs", {}).items():
            if name in self.defs and untitled(self.defs[name]) != untitled(d):
                raise SystemExit(f"$defs {name} differs between schemas")
            self.defs[name] = d
        root = {k: v for k, v in schema.items() if k not in ("$defs", "$schema")}
        self.defs[schema["title"]] = root

    # -- types ---------------------------------------------------------------------------------------

    def type_of(self, s: dict) -> tuple[str, object]:
        """The annotation for a schema, and how the runtime wraps its values (None, a class name,
        a tagged-union dispatch, or ('list', inner))."""
        if s is True or s == {}:  # any JSON value
            return "Any", None
        if "$ref" in s:
            name = s["$ref"].rsplit("/", 1)[1]
            return self.named(name)
        if "anyOf" in s or "oneOf" in s:
            variants = s.get("anyOf") or s.get("oneOf")
            parts = [self.type_of(v) for v in variants]
            wraps = [w for _, w in parts if w is not None]
            return " | ".join(dict.fromkeys(a for a, _ in parts)), (wraps[0] if len(wraps) == 1 else None)
        if "const" in s:
            return f"Literal[{json.dumps(s['const'])}]", None
        if "enum" in s:
            return "Literal[" + ", ".join(json.dumps(v) for v in s["enum"]) + "]", None
        t = s.get("type")
        if isinstance(t, list):
            parts = [self.type_of({**s, "type": x}) for x in t]
            wraps = [w for _, w in parts if w is not None]
            return " | ".join(a for a, _ in parts), (wraps[0] if wraps else None)
        if t == "array":
            inner, wrap = self.type_of(s.get("items", {}))
            return f"list[{inner}]", (("list", wrap) if wrap is not None else None)
        if t == "object":
            if "properties" in s:
                raise SystemExit(f"anonymous object schema: {s}")
            value, wrap = self.type_of(s.get("additionalProperties", {})) if isinstance(s.get("additionalProperties"), dict) else ("Any", None)
            return f"dict[str, {value}]", None
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}.get(t, "Any"), None

    def named(self, name: str) -> tuple[str, object]:
        d = self.defs[name]
        self.emit(name)
        variants = d.get("oneOf") or d.get("anyOf")
        if variants is not None:
            objects = [v for v in variants if v.get("type") == "object" and "properties" in v]
            tags = [v.get("properties", {}).get("kind", {}).get("const") for v in objects]
            if objects and all(tags):
                return name, ("tagged", "kind", {t: f"{name}{camel(t)}" for t in tags})
            if len(objects) == 1:
                return name, f"{name}{camel(objects[0]['required'][0])}"
            return name, None
        if d.get("type") == "object" and "properties" in d:
            return name, name
        return name, None

    # -- emitting ------------------------------------------------------------------------------------

    def emit(self, name: str) -> None:
        if name in self.done:
            return
        self.done.add(name)
        d = self.defs[name]
        variants = d.get("oneOf") or d.get("anyOf")
        if variants is not None:
            parts = []
            for v in variants:
                if v.get("type") == "object" and "properties" in v:
                    tag = v.get("properties", {}).get("kind", {}).get("const") or v["required"][0]
                    cls = f"{name}{camel(tag)}"
                    self.emit_class(cls, v)
                    parts.append(cls)
                else:
                    parts.append(self.type_of(v)[0])
            self.out.append(f"{name}: TypeAlias = {' | '.join(dict.fromkeys(parts))}")
            self.doc_comment(d)
            self.out.extend(["", ""])
        elif d.get("type") == "object" and "properties" in d:
            self.emit_class(name, d)
        else:
            self.out.append(f"{name}: TypeAlias = {self.type_of(d)[0]}")
            self.doc_comment(d)
            self.out.extend(["", ""])

    def doc_comment(self, d: dict) -> None:
        if d.get("description"):
            self.out.append(f"\"\"\"{d['description']}\"\"\"")

    def emit_class(self, cls: str, d: dict) -> None:
        fields = []
        wraps = {}
        defaults = {}
        for prop, s in d["properties"].items():
            annotation, wrap = self.type_of(s)
            if prop not in d.get("required", []) and "None" not in annotation and "default" not in s:
                annotation += " | None"
            fields.append((prop, annotation, s.get("description")))
            if wrap is not None:
                wraps[prop] = wrap
            if "default" in s and prop not in d.get("required", []):
                defaults[prop] = s["default"]
        lines = [f"class {cls}(Record):"]
        lines.append(f"    \"\"\"{d.get('description', cls)}\"\"\"")
        lines.append("")
        for prop, annotation, description in fields:
            attr = prop + "_" if keyword.iskeyword(prop) else prop
            lines.append(f"    {attr}: {annotation}")
            if description:
                lines.append(f"    \"\"\"{description}\"\"\"")
        lines.append(f"    _wrap: ClassVar[dict[str, Any]] = {wraps!r}")
        if defaults:
            lines.append(f"    _defaults: ClassVar[dict[str, Any]] = {defaults!r}")
        lines.append("")
        lines.append("")
        # Classes go before the aliases and classes that use them.
        self.out.extend(lines)

    def render(self) -> str:
        for name in list(self.defs):
            self.emit(name)
        head = [
            "# Generated by tools/gen_types.py from fidelity-items/schema/{report,bank,comparison,trend,verification}.schema.json. Do not edit.",
            '"""The core\'s report and bank types, as read-only attribute views over the core\'s JSON."""',
            "",
            "from __future__ import annotations",
            "",
            "from typing import Any, ClassVar, Literal, TypeAlias",
            "",
            "from ._record import Record",
            "",
            "",
        ]
        names = sorted(n for n in self.done)
        tail = ["", "__all__ = [", *[f"    {json.dumps(n)}," for n in names], "]", ""]
        text = "\n".join(head + self.out + tail)
        while "\n\n\n\n" in text:
            text = text.replace("\n\n\n\n", "\n\n\n")
        return text


def generate() -> str:
    g = Generator()
    for root in ROOTS:
        g.add_schema(json.loads((SCHEMAS / f"{root}.schema.json").read_text(encoding="utf-8")))
    return g.render()


def main() -> int:
    text = generate()
    if "--check" in sys.argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python {Path(__file__).relative_to(HERE.parent)}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
