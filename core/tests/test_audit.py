"""`make audit` (scripts/audit.py): a known vulnerability fails, and an audit that could
not check every pin says so and fails too, instead of pip-audit's silent pass."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit.py"

spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

# The shape of pip-audit's `--format json` report (pip-audit 2.10).
CLEAN = {"name": "bleach", "version": "6.4.0", "vulns": []}
VULNERABLE = {
    "name": "django",
    "version": "3.2",
    "vulns": [
        {
            "id": "PYSEC-2021-98",
            "fix_versions": ["2.2.24", "3.1.12", "3.2.4"],
            "aliases": ["CVE-2021-33203"],
            "description": "Potential directory traversal via admindocs",
        }
    ],
}
SKIPPED = {
    "name": "pillow",
    "skip_reason": "Dependency not found on PyPI and could not be audited: pillow (13.0.0)",
}


def test_a_known_vulnerability_fails_and_names_the_fix():
    status, lines = audit.judge({"dependencies": [CLEAN, VULNERABLE], "fixes": []})
    assert status == 1
    assert "VULNERABLE: django 3.2: PYSEC-2021-98 / CVE-2021-33203" in lines[0]
    assert "3.2.4" in lines[0]


def test_packages_that_could_not_be_checked_are_no_pass():
    status, lines = audit.judge({"dependencies": [CLEAN, SKIPPED], "fixes": []})
    assert status == 2
    assert "AUDIT INCOMPLETE: 1 of 2 pinned packages could not be checked" in lines[0]
    assert "not a pass" in lines[-1]


def test_a_vulnerability_is_reported_even_when_other_packages_were_skipped():
    status, lines = audit.judge({"dependencies": [VULNERABLE, SKIPPED], "fixes": []})
    assert status == 1 and any("AUDIT INCOMPLETE" in line for line in lines)


def test_an_unreachable_service_is_said_plainly():
    status, lines = audit.judge(None, 1, "requests.exceptions.ConnectionError: pypi.org\n")
    assert status == 2 and lines[0].startswith("AUDIT NOT DONE")
    assert "ConnectionError" in lines[1]


def test_only_a_complete_clean_audit_passes():
    status, lines = audit.judge({"dependencies": [CLEAN, CLEAN], "fixes": []})
    assert status == 0 and "all 2 checked" in lines[0]


def run(requirements, tmp_path, **env):
    path = tmp_path / "requirements.txt"
    path.write_text(requirements)
    return subprocess.run(
        [sys.executable, str(SCRIPT), "-r", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )


def test_an_old_django_never_passes_whatever_the_network(tmp_path):
    """Where PyPI's per-release data answers, Django 3.2.0's advisories fail the audit;
    where it does not (this build machine's mirror), the audit says it could not check."""
    result = run("Django==3.2\n", tmp_path)
    assert result.returncode in (1, 2), result.stdout
    assert "VULNERABLE: Django" in result.stdout or "could not be checked" in result.stdout


def test_no_network_at_all_is_not_a_pass(tmp_path):
    result = run("bleach==6.4.0\n", tmp_path, HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="")
    assert result.returncode == 2
    assert result.stdout.startswith("AUDIT NOT DONE") and "not a pass" in result.stdout
