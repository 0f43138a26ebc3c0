#!/usr/bin/env python
"""`make audit`: known vulnerabilities in the pinned requirements, and never a false pass.

Runs pip-audit on the exact pins (no resolution, no install: `--no-deps --disable-pip`)
against PyPI's vulnerability data (the JSON API, https://pypi.org/pypi/NAME/VERSION/json,
which carries each release's advisories from the Python advisory database), then reads
its JSON report itself, because pip-audit treats a package whose data it could not fetch
(a 404, e.g. behind a mirror that serves only the project pages) as "skipped" and still
prints "No known vulnerabilities found" with exit status 0.

Exit status: 0 every pinned package was checked and none has a known vulnerability;
1 a known vulnerability (listed with the versions that fix it); 2 the audit could not be
completed (advisory data unreachable or missing for some packages): not a pass.

    .venv/bin/python scripts/audit.py [-r FILE ...] [--report PIP_AUDIT_JSON]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"

OK, VULNERABLE, INCOMPLETE = 0, 1, 2


def run_pip_audit(requirements, report):
    """Run pip-audit, its JSON report going to `report`; (exit status, stderr)."""
    command = [str(PIP_AUDIT), "--no-deps", "--disable-pip", "--vulnerability-service", "pypi"]
    for path in requirements:
        command += ["-r", str(path)]
    command += ["--format", "json", "--output", str(report), "--progress-spinner", "off"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return result.returncode, result.stderr


def judge(report, status=0, stderr=""):
    """(exit status, lines to print) for a pip-audit JSON report (None: no report)."""
    if not report or "dependencies" not in report:
        reason = (stderr.strip().splitlines() or ["no report"])[-1][:300]
        return INCOMPLETE, [
            "AUDIT NOT DONE: pip-audit could not reach PyPI's vulnerability data.",
            f"  {reason}",
            "  Nothing was checked; this is not a pass. Run `make audit` where "
            "https://pypi.org/pypi/<name>/<version>/json is reachable.",
        ]
    dependencies = report["dependencies"]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            ids = " / ".join([vuln["id"], *vuln.get("aliases", [])])
            lines.append(
                f"VULNERABLE: {dep['name']} {dep.get('version', '')}: {ids} (fixed in {fixed})"
            )
    if skipped:
        lines.append(
            f"AUDIT INCOMPLETE: {len(skipped)} of {len(dependencies)} pinned packages could "
            "not be checked (PyPI's vulnerability data did not answer for them):"
        )
        lines += [f"  {d['name']}: {d['skip_reason']}" for d in skipped]
        lines.append("  This is not a pass, whatever pip-audit printed.")
    if vulnerable:
        return VULNERABLE, lines
    if skipped:
        return INCOMPLETE, lines
    if status:
        return INCOMPLETE, [f"AUDIT NOT DONE: pip-audit failed ({status}): {stderr.strip()[-300:]}"]
    checked = len(dependencies)
    return OK, [f"No known vulnerabilities in {checked} pinned packages (all {checked} checked)."]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-r", "--requirement", action="append", type=Path)
    parser.add_argument("--report", type=Path, help="read this pip-audit JSON report instead")
    args = parser.parse_args(argv)
    if args.report:
        status, lines = judge(json.loads(args.report.read_text()))
    else:
        # pip-audit does not follow requirements-dev.txt's "-r requirements.txt": both.
        requirements = args.requirement or [
            ROOT / "requirements.txt",
            ROOT / "requirements-dev.txt",
        ]
        with tempfile.TemporaryDirectory() as folder:
            report_path = Path(folder) / "report.json"
            status, stderr = run_pip_audit(requirements, report_path)
            report = json.loads(report_path.read_text()) if report_path.exists() else None
            status, lines = judge(report, status, stderr)
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
