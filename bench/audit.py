"""Audit the locked dependencies (requirements.lock) for known vulnerabilities with pip-audit.

    python bench/audit.py            # `make audit`, run by .ci/run after the tests

Exit 1 when pip-audit reports a vulnerability (CI fails, as it should). When the vulnerability
service cannot be reached (an offline CI machine), say so plainly and exit 0: the audit was
skipped, not passed. pip-audit itself prints "No known vulnerabilities found" even when it
could audit nothing, so this script counts what was really audited.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PROBE = "https://pypi.org/pypi/pip/json"  # the JSON API that pip-audit's default service reads
TIMEOUT = 10
SAMPLE = 5  # pins probed before running pip-audit


def pins() -> list[tuple[str, str]]:
    lines = (line.split("#")[0].strip() for line in LOCK.read_text().splitlines())
    return [(name, version) for name, _, version in (line.partition("==") for line in lines) if version]


def service_reachable() -> str:
    """ "" when PyPI's JSON API answers and knows some of the pinned versions, else why not.

    pip-audit asks ``/pypi/NAME/VERSION/json`` for every pin and silently skips a 404; a few
    probes first turn an unreachable service, or pins PyPI never published (a private mirror's
    builds), into one clear message instead of a minute of lookups and a false "no vulnerabilities".
    """
    try:
        with urllib.request.urlopen(PROBE, timeout=TIMEOUT) as response:
            json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return f"{PROBE} cannot be reached ({type(exc).__name__}: {exc})"
    sample = pins()[:SAMPLE]
    for name, version in sample:
        try:
            with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/{version}/json", timeout=TIMEOUT):
                return ""
        except (urllib.error.URLError, OSError):
            continue
    listed = ", ".join(f"{n}=={v}" for n, v in sample)
    return f"PyPI answers but knows none of the pinned versions probed ({listed}): built by a private mirror?"


def summarize(report: dict[str, object]) -> tuple[int, int, list[str]]:
    """(audited, skipped, vulnerabilities as 'name version: id (fix versions)')."""
    deps = [d for d in report.get("dependencies", []) if isinstance(d, dict)]  # type: ignore[union-attr]
    audited = [d for d in deps if "skip_reason" not in d]
    found = [
        f"{d['name']} {d.get('version', '?')}: {v.get('id')} (fixed in {', '.join(v.get('fix_versions') or []) or 'no release'})"
        for d in audited
        for v in d.get("vulns", [])
    ]
    return len(audited), len(deps) - len(audited), found


def main() -> int:
    problem = service_reachable()
    if problem:
        print(f"audit skipped: {problem}; {LOCK.name} was NOT audited")
        return 0
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "-r",
        str(LOCK),
        "--no-deps",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--timeout",
        str(TIMEOUT),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"audit skipped: pip-audit gave no report (exit {result.returncode}): {result.stderr.strip()[-500:]}")
        return 0
    audited, skipped, vulnerabilities = summarize(report)
    if vulnerabilities:
        print(f"audit FAILED: {len(vulnerabilities)} known vulnerabilities in {LOCK.name}:")
        print("\n".join(f"  {v}" for v in vulnerabilities))
        return 1
    if not audited:
        print(f"audit skipped: the service answered but none of {skipped} dependencies could be looked up")
        return 0
    print(f"audit passed: {audited} dependencies audited, no known vulnerabilities ({skipped} not found on PyPI)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
