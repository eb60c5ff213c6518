"""Checks the JSON Schema beside the snapshot: it is a valid 2020-12 schema, accepts the bundled
snapshot and the valid fixtures, rejects the invalid fixture at the fields the validator names for
schema reasons, and rejects every fixture of tests/fixtures/schema/ (each of which the validator
rejects for its own reason: tests/core.rs), so the schema and the validator stay in step."""
import json
import pathlib
import sys

import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "public/data/snapshot.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)


def errors(path):
    doc = json.loads((root / path).read_text())
    return sorted(".".join(map(str, e.absolute_path)) for e in validator.iter_errors(doc))


failed = False
for good in ["public/data/snapshot.json", "tests/fixtures/valid-minimal.json", "tests/fixtures/valid-level.json", "tests/fixtures/valid-computed.json"]:
    found = errors(good)
    print(f"{good}: {len(found)} schema errors")
    failed |= bool(found)

expected = {
    "series.1.label",
    "sources.0.url",
    "metrics.0.values.0.value",
    "metrics.0.values.1",
    "metrics.0.values.1.value",
    "metrics.0.values.1.kind",
}
found = set(errors("tests/fixtures/invalid-many.json"))
print(f"tests/fixtures/invalid-many.json: rejected at {sorted(found)}")
if found != expected:
    print(f"expected rejections at {sorted(expected)}", file=sys.stderr)
    failed = True

for fixture in sorted((root / "tests/fixtures/schema").glob("*.json")):
    rel = fixture.relative_to(root)
    found = errors(rel)
    print(f"{rel}: rejected at {found[:3]}")
    if not found:
        print(f"{rel}: the schema accepts what the validator rejects", file=sys.stderr)
        failed = True

print("schema: 3 passed, 0 failed" if not failed else "schema: 0 passed, 1 failed")
sys.exit(1 if failed else 0)
