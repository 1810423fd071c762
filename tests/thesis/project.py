#!/usr/bin/env python3
"""Projects manulint's JSON output onto stable lines: rule, position, note, message.

Used by .ci/run to compare a run on the real thesis with tests/thesis/expected.txt.
"""
import json
import sys

report = json.load(sys.stdin)
for d in report["diagnostics"]:
    note = d.get("note")
    where = f"{d['line']}:{d['column']}"
    print(f"{d['rule']} {where} note={note if note is not None else '-'} {d['message']}")
s = report["summary"]
print(f"summary errors={s['errors']} warnings={s['warnings']} info={s['info']}")
