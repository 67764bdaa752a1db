"""Known vulnerabilities in the locked Python dependencies (pip-audit against requirements/*.txt).

Exit 0: every package was checked and none has a known vulnerability.
Exit 1: a known vulnerability was found (the report names the package, the advisory and the fix).
When the advisory service cannot be reached, or cannot answer for some packages, that is said
plainly with the number of unchecked packages; the exit code is then 0, or 1 with
REGIOKOMPAS_AUDIT_STRICT=1 (for a machine that must reach the service). See docs/operations.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = [ROOT / "requirements" / "runtime.txt", ROOT / "requirements" / "test.txt"]


def audit(lock: Path) -> tuple[list[dict], list[dict], str]:
    command = [sys.executable, "-m", "pip_audit", "-r", str(lock), "--require-hashes", "--disable-pip",
               "--progress-spinner", "off", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return [], [], (done.stderr.strip().splitlines() or ["geen antwoord"])[-1]
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    return vulnerable, skipped, ""


def main() -> int:
    strict = os.environ.get("REGIOKOMPAS_AUDIT_STRICT") == "1"
    found = unchecked = False
    for lock in LOCKS:
        name = lock.relative_to(ROOT)
        vulnerable, skipped, error = audit(lock)
        if error:
            print(f"pip-audit {name}: de adviesdienst kon niet worden geraadpleegd ({error}); NIET gecontroleerd.")
            unchecked = True
            continue
        for dep in vulnerable:
            for vuln in dep["vulns"]:
                fix = ", ".join(vuln.get("fix_versions") or []) or "geen"
                print(f"pip-audit {name}: {dep['name']} {dep['version']}: {vuln['id']} (opgelost in: {fix})")
        found = found or bool(vulnerable)
        if skipped:
            unchecked = True
            print(f"pip-audit {name}: {len(skipped)} pakketten konden NIET worden gecontroleerd "
                  f"(de adviesdienst gaf geen antwoord, bijv. {skipped[0]['skip_reason']}).")
        if not vulnerable and not skipped:
            print(f"pip-audit {name}: alle pakketten gecontroleerd, geen bekende kwetsbaarheden.")
    if found:
        return 1
    if unchecked:
        print("pip-audit: geen kwetsbaarheden gevonden, maar de controle is onvolledig (zie hierboven)."
              + (" REGIOKOMPAS_AUDIT_STRICT=1: dit telt als fout." if strict else ""))
        return 1 if strict else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
