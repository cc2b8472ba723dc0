#!/usr/bin/env python3
"""Validate reprise manifests against manifests/reprise.manifest-1.schema.json.

Usage: python3 manifests/validate_schema.py [MANIFEST.json ...]

Checks every manifests/examples/*.json plus any paths given as arguments, printing one
line per file ("ok" or "FAIL" with the first errors). Exits 1 if any file fails, 2 if
the schema itself cannot be loaded, and 0 (after saying so) when the `jsonschema`
package is not installed. Only the schema is checked: the manifest_id digest is not
recomputed.
"""

import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, "reprise.manifest-1.schema.json")
MAX_ERRORS_SHOWN = 3
MAX_MESSAGE_CHARS = 200


def main(argv):
    try:
        import jsonschema
    except ImportError:
        print("skipped: the Python package 'jsonschema' is not installed (pip install jsonschema); nothing validated")
        return 0

    try:
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            schema = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as error:
        print(f"error: cannot load schema {SCHEMA_PATH}: {error}")
        return 2
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

    paths = sorted(glob.glob(os.path.join(HERE, "examples", "*.json"))) + argv
    if not paths:
        print(f"nothing to validate: no {os.path.join(HERE, 'examples', '*.json')} and no paths given")
        return 0

    failures = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                document = json.load(f)
        except (OSError, ValueError) as error:
            failures += 1
            print(f"FAIL {path}: cannot read JSON: {error}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            print(f"ok   {path}")
            continue
        failures += 1
        details = [closest(e) for e in errors[:MAX_ERRORS_SHOWN]]
        shown = "; ".join(f"{describe(d.absolute_path)}: {shorten(d.message)}" for d in details)
        more = f" (+{len(errors) - MAX_ERRORS_SHOWN} more)" if len(errors) > MAX_ERRORS_SHOWN else ""
        print(f"FAIL {path}: {shown}{more}")

    return 1 if failures else 0


def closest(error):
    """For a oneOf/anyOf failure, the first error of the alternative the instance came closest
    to (right JSON type, fewest errors), so a bad baseline reports e.g. `spec.baseline.kind`
    rather than quoting the whole object."""
    while error.context:
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        # Skip alternatives of the wrong JSON type (e.g. the null one for an object).
        typed = [b for b in branches.values() if not any(e.validator == "type" and not e.relative_path for e in b)]
        best = min(typed or list(branches.values()), key=len)
        error = sorted(best, key=lambda e: list(e.relative_path))[0]
    return error


def shorten(message):
    """One line, at most MAX_MESSAGE_CHARS characters (messages can quote whole objects)."""
    message = " ".join(message.split())
    return message if len(message) <= MAX_MESSAGE_CHARS else message[: MAX_MESSAGE_CHARS - 3] + "..."


def describe(path):
    """A JSON path like `spec.baseline.kind` or `jobs[2].seed` (`(root)` for the document)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
