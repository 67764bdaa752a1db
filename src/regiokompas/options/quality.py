"""What is not yet substantiated: the data-quality findings shown on the overview page and in
the report, computed from a run's snapshot (or from the current data)."""

from __future__ import annotations

from dataclasses import dataclass

HIGH_SPREAD = 0.30  # an estimate wider than 30 % of the criterion's scale counts as highly uncertain


@dataclass
class Finding:
    topic: str
    text: str


def findings(snapshot: dict) -> list[Finding]:
    variants = {v["id"]: v for v in snapshot.get("variants", [])}
    criteria = {c["id"]: c for c in snapshot.get("criteria", [])}

    def cell(s):
        v, c = variants.get(s["variant"]), criteria.get(s["criterion"])
        return f"Variant {v['number'] if v else s['variant']} × {c['name'] if c else s['criterion']}"

    out: list[Finding] = []
    scores = snapshot.get("scores", [])
    if not criteria:
        out.append(Finding("criteria", "Er zijn nog geen criteria vastgesteld."))
    have = {(s["variant"], s["criterion"]) for s in scores}
    missing = [f"Variant {v['number']} × {c['name']}" for v in variants.values() for c in criteria.values() if (v["id"], c["id"]) not in have]
    if missing:
        out.append(Finding("scores", f"{len(missing)} scores ontbreken: " + "; ".join(missing[:10]) + (" …" if len(missing) > 10 else "") + "."))
    unsupported = [cell(s) for s in scores if not s.get("substantiated")]
    if unsupported:
        out.append(Finding("onderbouwing", f"{len(unsupported)} van de {len(scores)} scores zijn niet onderbouwd (geen document of bron): "
                           + "; ".join(unsupported) + "."))
    elif scores:
        out.append(Finding("onderbouwing", "Alle scores hebben een document of bron als onderbouwing."))
    wide = [f"{cell(s)} ({s['display']})" for s in scores if (s.get("relative_spread") or 0) > HIGH_SPREAD]
    if wide:
        out.append(Finding("onzekerheid", f"{len(wide)} scores zijn zeer onzeker (bandbreedte groter dan {int(HIGH_SPREAD * 100)} % van de schaal): "
                           + "; ".join(wide) + "."))
    without = [p["name"] for p in snapshot.get("without_preferences", [])]
    if without:
        out.append(Finding("voorkeuren", "Geen voorkeuren opgegeven door: " + ", ".join(without)
                           + ". Deze gemeenten tellen niet mee in de uitkomsten."))
    illustrative = [key for key in ("variants", "criteria", "scores", "preferences") if any(x.get("illustrative") for x in snapshot.get(key, []))]
    if illustrative:
        labels = {"variants": "varianten", "criteria": "criteria", "scores": "scores", "preferences": "voorkeuren"}
        out.append(Finding("illustratief", "Illustratieve voorbeeldgegevens zonder bron in de werkelijkheid: "
                           + ", ".join(labels[k] for k in illustrative) + ". Conclusies op basis hiervan zijn niet bruikbaar voor besluitvorming."))
    return out
