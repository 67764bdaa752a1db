"""Turns a cost result into Dutch tables and sentences, shared by the pages, the command line and
the substantiation report, so all three tell the same story with the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from regiokompas.engine import costs as engine
from regiokompas.engine.costs.keys import shares
from regiokompas.engine.costs.model import KEY_LABELS
from regiokompas.finance.charts import euro


def pct(x: float | None) -> str:
    return "–" if x is None else f"{round(100 * x):d} %"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


def variant_summary(result: dict) -> Table:
    years = result["years"]
    rows = []
    for v in result["variants"].values():
        h = v["total"]["horizon"]
        diffs = [m["difference"]["horizon"]["mean"] for m in v["municipalities"].values() if m["difference"]]
        rows.append([v["name"], euro(h["mean"]), f"{euro(h['p05'])} – {euro(h['p95'])}",
                     euro(sum(diffs)) if diffs else "–"])
    return Table(f"Totale kosten per variant over {years[0]}–{years[-1]} (verwachting en 90 %-bandbreedte)",
                 ["Variant", "Verwacht totaal", "Bandbreedte (5–95 %)", "Verschil met huidige situatie"], rows)


def municipality_table(result: dict, vid: str) -> Table:
    v = result["variants"][vid]
    years = result["years"]
    rows = []
    for m in v["municipalities"].values():
        h = m["horizon"]
        d = m["difference"]
        rows.append([
            m["name"] + ("" if m["participates"] else " (doet niet mee)"),
            euro(h["mean"]), f"{euro(h['p05'])} – {euro(h['p95'])}",
            euro(d["horizon"]["mean"]) if d else "–",
            f"{euro(d['horizon']['p05'])} – {euro(d['horizon']['p95'])}" if d else "–",
            pct(d["probability_cheaper"]) if d else "–",
        ])
    return Table(f"Bijdrage per gemeente, {v['name']}, {years[0]}–{years[-1]}",
                 ["Gemeente", "Bijdrage (verwacht)", "Bandbreedte (5–95 %)", "Verschil met huidige situatie",
                  "Bandbreedte verschil", "Kans goedkoper"], rows)


def per_year_table(result: dict, vid: str, code: str | None = None) -> Table:
    v = result["variants"][vid]
    stats = v["total"]["per_year"] if code is None else v["municipalities"][code]["per_year"]
    who = "alle deelnemers samen" if code is None else v["municipalities"][code]["name"]
    rows = [[str(y), euro(stats["mean"][i]), euro(stats["p05"][i]), euro(stats["p95"][i])] for i, y in enumerate(result["years"])]
    return Table(f"Kosten per jaar, {v['name']}, {who}", ["Jaar", "Verwacht", "5e percentiel", "95e percentiel"], rows)


def band_series(result: dict, vid: str, code: str | None = None, label: str | None = None) -> dict:
    v = result["variants"][vid]
    stats = v["total"]["per_year"] if code is None else v["municipalities"][code]["per_year"]
    return {"label": label or v["name"], "mean": stats["mean"], "p05": stats["p05"], "p95": stats["p95"]}


def keys_comparison(model: engine.CostModel, result: dict, vid: str) -> Table:
    """Who pays what under each key: the variant's expected horizon cost divided by every key of the
    model, beside the chosen keys and the Shapley division."""
    v = result["variants"][vid]
    coalition = v["coalition"]["players"]
    total = v["coalition"]["total_cost"]
    columns, values = [], []
    for key in model.keys.values():
        try:
            s = shares(model.keys, key, coalition)
        except engine.CostError:
            continue
        columns.append(f"{key.name} ({KEY_LABELS[key.method]})")
        values.append(dict(zip(coalition, s, strict=True)))
    header = ["Gemeente", "Gekozen sleutels", *columns, "Shapley (eerlijke verdeling)"]
    rows = []
    for code in coalition:
        rows.append([result["municipalities"][code], euro(v["coalition"]["key_contribution"][code]),
                     *(euro(total * col[code]) for col in values), euro(v["coalition"]["shapley_contribution"][code])])
    return Table(f"Wie betaalt wat onder elke sleutel: verwachte kosten {v['name']} over de looptijd", header, rows)


def coalition_sentences(result: dict, vid: str) -> list[str]:
    v = result["variants"][vid]
    c = v["coalition"]
    names = result["municipalities"]
    out = []
    if c["joint_savings"] is not None:
        verb = "besparen" if c["joint_savings"] >= 0 else "betalen meer dan nu"
        out.append(f"De deelnemers samen {verb}: {euro(abs(c['joint_savings']))} over de looptijd (verwachting).")
    core = c["core"]
    if core["key_in_core"]:
        out.append("De gekozen verdeelsleutels laten geen groep gemeenten beter af zijn als zij het alleen doen "
                   "(de verdeling ligt in de kern).")
    else:
        worst = core["blocking"][0]
        group = ", ".join(names[x] for x in worst["members"])
        out.append(f"Met de gekozen sleutels zijn {core['blocking_count']} groep(en) gemeenten alleen beter af. "
                   f"Het sterkst: {group} betaalt {euro(worst['pays'])}, alleen zou dat {euro(worst['alone'])} zijn "
                   f"({euro(worst['excess'])} meer).")
    out.append("De Shapley-verdeling " + ("ligt in de kern." if core["shapley_in_core"] else "ligt niet in de kern."))
    if core.get("core_empty") is True:
        out.append("Geen enkele verdeling van deze kosten houdt elke groep tevreden (de kern is leeg): een groep blijft "
                   f"alleen beter af, minstens {euro(-core['core_margin'])}.")
    elif core.get("core_division") and not core["key_in_core"]:
        division = ", ".join(f"{names[p]} {euro(x)}" for p, x in core["core_division"].items())
        out.append(f"Een verdeling waarbij geen groep alleen beter af is, bestaat wel, bijvoorbeeld: {division}.")
    return out


def join_table(result: dict, vid: str) -> Table:
    v = result["variants"][vid]
    rows = []
    for code, j in v["join_or_stay"].items():
        verdict = "–" if j["joining_is_cheaper"] is None else ("meedoen is goedkoper" if j["joining_is_cheaper"] else "buiten blijven is goedkoper")
        rows.append([result["municipalities"][code], "ja" if j["in_coalition"] else "nee", euro(j["join"]), euro(j["stay_out"]),
                     verdict, euro(j["others_pay_more_if_out"])])
    return Table(f"Meedoen of buiten blijven, {v['name']} (verwachte kosten over de looptijd)",
                 ["Gemeente", "In de coalitie", "Kosten bij meedoen", "Kosten bij buiten blijven", "Conclusie",
                  "Anderen betalen meer als zij buiten blijft"], rows)


def exit_table(effect: dict) -> Table:
    rows = [[str(y), euro(effect["fee_per_year"][i]),
             *(euro(r["net_extra"][i]) for r in effect["remaining"].values())] for i, y in enumerate(effect["years"])]
    rows.append(["Totaal", euro(effect["fee_total"]), *(euro(r["net_extra_total"]) for r in effect["remaining"].values())])
    return Table(f"Uittreden van {effect['leaver_name']} per {effect['exit_year']} ({effect['method_label']}): uittreedsom en "
                 "netto extra kosten van de overige deelnemers per jaar",
                 ["Jaar", "Uittreedsom", *(f"Extra {r['name']}" for r in effect["remaining"].values())], rows)


def shared_table(effect: dict) -> Table:
    rows = []
    for m in effect["members"].values():
        rows.append([m["name"], "ja" if m["transfers"] else "nee", euro(m["before"]), euro(m["after"]), euro(m["difference"]),
                     f"{m['percentage_before']:.2f} %".replace(".", ","), f"{m['percentage_after']:.2f} %".replace(".", ",")])
    return Table("Bijdrage aan de werkorganisatie voor en na de overdracht van de taak",
                 ["Gemeente", "Draagt taak over", "Bijdrage nu", "Bijdrage daarna", "Verschil", "Aandeel nu", "Aandeel daarna"], rows)
