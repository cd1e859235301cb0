"""Validates Omzien's HSDS answers against the Open Referral HSDS 3.0 JSON Schemas with
check-jsonschema (tests/hsds.rs runs it; scripts/install-tools --test installs it).

usage: validate.py SCHEMA_DIR OUT_DIR

OUT_DIR/manifest.json lists [{"file": ..., "schema": "service.json", "page": bool}].
Each schema is made strict first, as Open Referral's own check does
(compiletojsonschema --set-additional-properties-false-everywhere): every `$ref` to a
sibling file is inlined and every object with `properties` gets
`additionalProperties: false`, so a misspelt or invented field fails too. A Page answer
is checked against the spec's Page object (openapi.json) with its contents as the
endpoint's schema.
"""
import json
import os
import subprocess
import sys

schema_dir, out_dir = sys.argv[1], sys.argv[2]


def load(name, base):
    path = os.path.join(base, name)
    with open(path, encoding="utf-8") as f:
        return json.load(f), os.path.dirname(path)


def strict(node, base):
    if isinstance(node, list):
        return [strict(n, base) for n in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.endswith(".json") and "://" not in ref:
        target, target_base = load(ref, base)
        return strict(target, target_base)
    out = {k: strict(v, base) for k, v in node.items()}
    if "properties" in out:
        out["additionalProperties"] = False
    # Tabular-package keywords the validator does not know are harmless; the
    # "constraints" in the compiled list schemas are for CSV, not JSON.
    return out


with open(os.path.join(schema_dir, "openapi.json"), encoding="utf-8") as f:
    openapi = json.load(f)
page_props = openapi["components"]["schemas"]["Page"]["properties"]

with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as f:
    manifest = json.load(f)

groups = {}
for entry in manifest:
    groups.setdefault((entry["schema"], entry["page"]), []).append(entry["file"])

failed = False
for (schema_name, is_page), files in sorted(groups.items()):
    schema, base = load(schema_name, schema_dir)
    schema = strict(schema, base)
    schema.pop("$id", None)
    if is_page:
        schema = {
            "type": "object",
            "properties": dict(page_props, contents={"type": "array", "items": schema}),
            "required": list(page_props) + ["contents"],
            "additionalProperties": False,
        }
    name = schema_name.replace("/", "_") + (".page" if is_page else "") + ".strict.json"
    schema_path = os.path.join(out_dir, name)
    with open(schema_path, "w", encoding="utf-8") as f:
        json.dump(schema, f)
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "check-jsonschema"),
         "--schemafile", schema_path] + files,
        capture_output=True, text=True)
    print(f"{schema_name}{' (page)' if is_page else ''}: {len(files)} file(s): "
          f"{'ok' if result.returncode == 0 else 'FAILED'}")
    if result.returncode != 0:
        failed = True
        print(result.stdout, result.stderr)
sys.exit(1 if failed else 0)
