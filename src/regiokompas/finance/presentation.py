"""Turns a cost result into Dutch tables and sentences, shared by the pages, the command line and
the substantiation report, so all three tell the same story with the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from regiokompas import dutch, formatting
from regiokompas.engine import costs as engine
from regiokompas.engine.costs.keys import shares
from regiokompas.engine.costs.model import KEY_LABELS

UNKNOWN = "onbekend (geen kostenposten)"


def known(v: dict) -> bool:
    """Whether a variant's costs are known: a variant without cost items is unknown, not free."""
    return bool(v.get("known", bool(v.get("items"))))


def unknown_variants(result: dict) -> list[str]:
    return [v["name"] for v in result["variants"].values() if not known(v)]


def unknown_sentence(result: dict) -> str | None:
    names = unknown_variants(result)
    if not names:
        return None
    return (f"Voor {dutch.enumerate_nl(names)} {dutch.verb(len(names), 'is', 'zijn')} nog geen kostenposten vastgelegd: "
            f"de kosten daarvan zijn onbekend (niet nul) en {dutch.verb(len(names), 'telt', 'tellen')} niet mee in de vergelijking.")


def span(stats: dict | None) -> str:
    """A 5–95 % range as 'EUR a – EUR b' ('–' without a range)."""
    return "–" if not stats else f"{formatting.euro(stats['p05'])} – {formatting.euro(stats['p95'])}"


def with_span(stats: dict | None) -> str:
    """Expected value with its 5–95 % range: 'EUR m (EUR a – EUR b)'."""
    return "–" if not stats else f"{formatting.euro(stats['mean'])} ({span(stats)})"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


def variant_summary(result: dict) -> Table:
    years = result["years"]
    rows = []
    for v in result["variants"].values():
        if not known(v):
            rows.append([v["name"], UNKNOWN, "–", "–"])
            continue
        h = v["total"]["horizon"]
        diffs = [m["difference"]["horizon"]["mean"] for m in v["municipalities"].values() if m["difference"]]
        rows.append([v["name"], formatting.euro(h["mean"]), f"{formatting.euro(h['p05'])} – {formatting.euro(h['p95'])}",
                     formatting.euro(sum(diffs)) if diffs else "–"])
    return Table(f"Totale kosten per variant over {years[0]}–{years[-1]} (verwachting en 90 %-bandbreedte)",
                 ["Variant", "Verwacht totaal", "Bandbreedte (5–95 %)", "Verschil met huidige situatie"], rows)


def municipality_table(result: dict, vid: str) -> Table:
    v = result["variants"][vid]
    years = result["years"]
    rows = []
    for m in v["municipalities"].values():
        if not known(v):
            rows.append([m["name"], UNKNOWN, "–", "–", "–", "–"])
            continue
        h = m["horizon"]
        d = m["difference"]
        rows.append([
            m["name"] + ("" if m["participates"] else " (doet niet mee)"),
            formatting.euro(h["mean"]), f"{formatting.euro(h['p05'])} – {formatting.euro(h['p95'])}",
            formatting.euro(d["horizon"]["mean"]) if d else "–",
            f"{formatting.euro(d['horizon']['p05'])} – {formatting.euro(d['horizon']['p95'])}" if d else "–",
            formatting.percent(d["probability_cheaper"]) if d else "–",
        ])
    return Table(f"Bijdrage per gemeente, {v['name']}, {years[0]}–{years[-1]}",
                 ["Gemeente", "Bijdrage (verwacht)", "Bandbreedte (5–95 %)", "Verschil met huidige situatie",
                  "Bandbreedte verschil", "Kans goedkoper"], rows)


def overview_table(result: dict) -> Table:
    """Per municipality (rows) and variant (columns): the contribution over the horizon and the
    difference with the current situation, each as expectation with its 90 % range."""
    years = result["years"]
    variants = list(result["variants"].values())
    header = ["Gemeente"]
    for v in variants:
        header += [f"{v['name']}: bijdrage", f"{v['name']}: verschil met nu"]
    rows = []
    for code, name in result["municipalities"].items():
        row = [name]
        for v in variants:
            m = v["municipalities"][code]
            if not known(v):
                row += [UNKNOWN, "–"]
                continue
            row.append(with_span(m["horizon"]) + ("" if m["participates"] else " (doet niet mee)"))
            d = m["difference"]
            row.append(f"{with_span(d['horizon'])}; kans goedkoper {formatting.percent(d['probability_cheaper'])}" if d else "–")
        rows.append(row)
    return Table(f"Bijdrage en verschil met de huidige situatie per gemeente en variant, {years[0]}–{years[-1]} "
                 "(verwachting met 90 %-bandbreedte tussen haakjes; negatief verschil = goedkoper dan nu)", header, rows)


def per_year_table(result: dict, vid: str, code: str | None = None) -> Table:
    v = result["variants"][vid]
    stats = v["total"]["per_year"] if code is None else v["municipalities"][code]["per_year"]
    who = "alle deelnemers samen" if code is None else v["municipalities"][code]["name"]
    if not known(v):
        return Table(f"Kosten per jaar, {v['name']}, {who}", ["Jaar", "Verwacht", "5e percentiel", "95e percentiel"],
                     [[str(y), UNKNOWN, "–", "–"] for y in result["years"]])
    rows = [[str(y), formatting.euro(stats["mean"][i]), formatting.euro(stats["p05"][i]), formatting.euro(stats["p95"][i])] for i, y in enumerate(result["years"])]
    return Table(f"Kosten per jaar, {v['name']}, {who}", ["Jaar", "Verwacht", "5e percentiel", "95e percentiel"], rows)


def band_series(result: dict, vid: str, code: str | None = None, label: str | None = None) -> dict:
    v = result["variants"][vid]
    stats = v["total"]["per_year"] if code is None else v["municipalities"][code]["per_year"]
    # the variant's place in the trajectory fixes its colour, marker and line on every page
    index = list(result["variants"]).index(vid)
    return {"label": label or v["name"], "mean": stats["mean"], "p05": stats["p05"], "p95": stats["p95"], "index": index}


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
    ranges = v["coalition"].get("ranges") or {}
    header = ["Gemeente", "Gekozen sleutels", "Gekozen sleutels (5–95 %)", *columns, "Shapley (naar toegevoegde kosten)",
              "Shapley (5–95 %)"]
    rows = []
    for code in coalition:
        rows.append([result["municipalities"][code], formatting.euro(v["coalition"]["key_contribution"][code]),
                     span((ranges.get("key_contribution") or {}).get(code)),
                     *(formatting.euro(total * col[code]) for col in values), formatting.euro(v["coalition"]["shapley_contribution"][code]),
                     span((ranges.get("shapley_contribution") or {}).get(code))])
    return Table(f"Wie betaalt wat onder elke sleutel: verwachte kosten {v['name']} over de looptijd", header, rows)


CORE_TEST = ("Kerntoets: een groep gemeenten is 'alleen beter af' als zij met een verdeling samen meer betaalt dan wat die "
             "groep kwijt zou zijn als zij de variant alleen onder elkaar uitvoert of als elke gemeente de huidige situatie houdt "
             "(het goedkoopste van die twee), steeds als verwachting over de looptijd. Een verdeling 'ligt in de kern' als geen "
             "enkele groep zo beter af is.")


def coalition_sentences(result: dict, vid: str) -> list[str]:
    v = result["variants"][vid]
    if not known(v):
        return [f"Voor {v['name']} zijn nog geen kostenposten vastgelegd: de kosten zijn onbekend, dus er valt niets te verdelen."]
    c = v["coalition"]
    names = result["municipalities"]
    out = []
    if c["joint_savings"] is not None:
        if len(c["players"]) == 1:
            who, verb = names[c["players"][0]], ("bespaart" if c["joint_savings"] >= 0 else "betaalt meer dan nu")
        else:
            who, verb = "De deelnemers samen", ("besparen" if c["joint_savings"] >= 0 else "betalen meer dan nu")
        out.append(f"{who} {verb}: {formatting.euro(abs(c['joint_savings']))} over de looptijd (verwachting).")
    if len(c["players"]) < 2:
        out.append("Met één gemeente in de coalitie valt er niets te verdelen: zij draagt alle kosten.")
        return out
    out.append(CORE_TEST)
    core = c["core"]
    if core["key_in_core"]:
        out.append("De gekozen verdeelsleutels laten geen groep gemeenten beter af zijn als zij het alleen doen "
                   "(de verdeling met de gekozen sleutels ligt in de kern).")
    else:
        worst = core["blocking"][0]
        group = dutch.enumerate_nl(names[x] for x in worst["members"])
        count = core["blocking_count"]
        out.append(f"Met de gekozen sleutels {dutch.verb(count, 'is', 'zijn')} {dutch.count(count, 'groep', 'groepen')} gemeenten "
                   f"alleen beter af. Het sterkst: {group} {dutch.verb(len(worst['members']), 'betaalt', 'betalen')} "
                   f"{formatting.euro(worst['pays'])}, alleen zou dat {formatting.euro(worst['alone'])} zijn ({formatting.euro(worst['excess'])} meer).")
    out.append("De Shapley-verdeling " + ("ligt in de kern." if core["shapley_in_core"] else "ligt niet in de kern."))
    if core.get("core_empty") is True:
        out.append("Geen enkele verdeling van deze kosten houdt elke groep tevreden (de kern is leeg): een groep blijft "
                   f"alleen beter af, minstens {formatting.euro(-core['core_margin'])}.")
    elif core.get("core_division") and not core["key_in_core"]:
        division = ", ".join(f"{names[p]} {formatting.euro(x)}" for p, x in core["core_division"].items())
        out.append(f"Een verdeling waarbij geen groep alleen beter af is, bestaat wel, bijvoorbeeld: {division} "
                   f"(samen {formatting.euro(sum(core['core_division'].values()))}, de te verdelen kosten over de looptijd).")
    return out


def shapley_explanation(model: engine.CostModel, result: dict, vid: str) -> list[str]:
    """What drives the Shapley division of this variant, from its own cost items: a cost that is the
    same whoever takes part is shared in equal parts, a cost that grows with a volume follows the
    volume, an existing obligation stays with its own payers."""
    v = result["variants"][vid]
    if not known(v) or len(v["coalition"]["players"]) < 2:
        return []
    variant = model.variant(vid)
    fixed = [it.name for it in variant.items if it.behaviour == "fixed" and not it.binding]
    scaling = [it.name for it in variant.items if it.behaviour != "fixed" and not it.binding]
    binding = [it.name for it in variant.items if it.binding]
    out = ["De Shapley-verdeling rekent elke gemeente toe wat zij gemiddeld aan de kosten toevoegt als zij aanschuift, over "
           "alle volgordes waarin de gemeenten kunnen aanschuiven. Zij is daarmee één maatstaf voor een eerlijke verdeling, niet "
           "dé eerlijke verdeling; de verdeling met de gekozen sleutels staat ernaast."]
    if fixed:
        out.append(f"{dutch.number(len(fixed), 'De vaste post', 'De vaste posten')} {dutch.enumerate_nl(fixed)} "
                   f"{dutch.verb(len(fixed), 'kost', 'kosten')} evenveel of er nu twee of alle gemeenten meedoen; Shapley verdeelt "
                   f"{dutch.number(len(fixed), 'zo’n post', 'zulke posten')} daarom in gelijke delen, ongeacht de grootte van de "
                   "gemeenten.")
    if scaling:
        out.append(f"{dutch.number(len(scaling), 'De post', 'De posten')} {dutch.enumerate_nl(scaling)} "
                   f"{dutch.verb(len(scaling), 'groeit', 'groeien')} mee met een kostendrager (cliënten, inwoners, gebruik) en "
                   f"{dutch.verb(len(scaling), 'wordt', 'worden')} naar dat volume verdeeld.")
    if binding:
        out.append(f"{dutch.number(len(binding), 'De bestaande verplichting', 'De bestaande verplichtingen')} "
                   f"{dutch.enumerate_nl(binding)} {dutch.verb(len(binding), 'blijft', 'blijven')} bij de gemeenten die "
                   f"{dutch.number(len(binding), 'haar', 'ze')} nu al dragen, in hun eigen deel.")
    if fixed and not scaling and not binding:
        out.append("Deze variant heeft alleen vaste posten: de Shapley-verdeling is hier dus een verdeling in gelijke delen.")
    return out


def join_table(result: dict, vid: str) -> Table:
    v = result["variants"][vid]
    rows = []
    for code, j in v["join_or_stay"].items():
        verdict = "–" if j["joining_is_cheaper"] is None else ("meedoen is goedkoper" if j["joining_is_cheaper"] else "buiten blijven is goedkoper")
        r = j.get("ranges") or {}
        rows.append([result["municipalities"][code], "ja" if j["in_coalition"] else "nee", formatting.euro(j["join"]), span(r.get("join")),
                     formatting.euro(j["stay_out"]), span(r.get("stay_out")), verdict, formatting.percent(j.get("probability_joining_cheaper")),
                     formatting.euro(j["others_pay_more_if_out"]), span(r.get("others_pay_more_if_out"))])
    return Table(f"Meedoen of buiten blijven, {v['name']} (kosten over de looptijd: verwachting en 90 %-bandbreedte)",
                 ["Gemeente", "In de coalitie", "Kosten bij meedoen", "Meedoen (5–95 %)", "Kosten bij buiten blijven",
                  "Buiten blijven (5–95 %)", "Conclusie (verwachting)", "Kans dat meedoen goedkoper is",
                  "Anderen betalen meer als zij buiten blijft", "Anderen meer (5–95 %)"], rows)


def join_rows(result: dict, vid: str) -> list[dict]:
    """Rows for the range-bar chart: per municipality joining minus staying out, with its 5–95 % range."""
    out = []
    for code, j in result["variants"][vid]["join_or_stay"].items():
        d = (j.get("ranges") or {}).get("join_minus_stay_out")
        if d:
            out.append({"label": result["municipalities"][code], "mean": d["mean"], "p05": d["p05"], "p95": d["p95"]})
    return out


def exit_table(effect: dict) -> Table:
    """Per year the exit fee and what each remaining participant pays more, net of its share of the fee.
    With the uncertainty of the simulation, every amount is the mean over the same draws as its
    5–95 % range (one simulation, one number)."""
    u = effect.get("uncertainty")
    remaining = list(effect["remaining"])
    rows = []
    for i, y in enumerate(effect["years"]):
        row = [str(y), formatting.euro(u["fee_per_year"]["mean"][i] if u else effect["fee_per_year"][i])]
        if u:
            row.append(f"{formatting.euro(u['fee_per_year']['p05'][i])} – {formatting.euro(u['fee_per_year']['p95'][i])}")
        for code in remaining:
            if u:
                band = u["remaining"][code]["net_extra_per_year"]
                row += [formatting.euro(band["mean"][i]), f"{formatting.euro(band['p05'][i])} – {formatting.euro(band['p95'][i])}"]
            else:
                row.append(formatting.euro(effect["remaining"][code]["net_extra"][i]))
        rows.append(row)
    total = ["Totaal", formatting.euro(u["fee_total"]["mean"] if u else effect["fee_total"])]
    if u:
        total.append(span(u["fee_total"]))
    for code in remaining:
        if u:
            total += [formatting.euro(u["remaining"][code]["net_extra_total"]["mean"]), span(u["remaining"][code]["net_extra_total"])]
        else:
            total.append(formatting.euro(effect["remaining"][code]["net_extra_total"]))
    rows.append(total)
    header = ["Jaar", "Uittreedsom"] + (["Uittreedsom (5–95 %)"] if u else [])
    for code in remaining:
        name = effect["remaining"][code]["name"]
        header += [f"Extra {name}"] + ([f"Extra {name} (5–95 %)"] if u else [])
    return Table(f"Uittreden van {effect['leaver_name']} per {effect['exit_year']} ({effect['method_label']}): uittreedsom en "
                 "netto extra kosten van de overige deelnemers per jaar (verwachting" + (" en 90 %-bandbreedte)" if u else ")"),
                 header, rows)


def exit_series(effect: dict) -> list[dict]:
    """Band-chart series of an exit: the fee per year and the remaining participants' net extra cost."""
    u = effect["uncertainty"]
    return [{"label": "Uittreedsom", **{k: u["fee_per_year"][k] for k in ("mean", "p05", "p95")}},
            {"label": "Netto extra overige deelnemers", **{k: u["remaining_net_extra_per_year"][k] for k in ("mean", "p05", "p95")}}]


def exits_table(result: dict, vid: str, exits: dict, only: str | None = None) -> Table:
    """Per municipality that leaves and method: the exit fee and what the others pay more, with ranges."""
    v = result["variants"][vid]
    rows = []
    for code, by_method in exits.items():
        if only and code != only:
            continue
        for e in by_method.values():
            u = e["uncertainty"]
            rows.append([e["leaver_name"], e["method_label"], str(e["exit_year"]), with_span(u["fee_all"]),
                         with_span(u["remaining_extra_total"]), with_span(u["remaining_net_extra_total"])])
    who = f"{result['municipalities'][only]} uittreedt" if only else "één gemeente uittreedt"
    return Table(f"Als {who} uit {v['name']}: uittreedsom en gevolgen voor de overige deelnemers "
                 "(verwachting en 90 %-bandbreedte)",
                 ["Gemeente die uittreedt", "Methode uittreedsom", "Jaar van uittreden", "Uittreedsom (totaal)",
                  "Overige deelnemers meer, zonder uittreedsom", "Overige deelnemers netto meer, na uittreedsom"], rows)


def shared_table(effect: dict) -> Table:
    rows = []
    for m in effect["members"].values():
        rows.append([m["name"], "ja" if m["transfers"] else "nee", formatting.euro(m["before"]), formatting.euro(m["after"]), formatting.euro(m["difference"]),
                     formatting.percent(m["percentage_before"] / 100, 2), formatting.percent(m["percentage_after"] / 100, 2)])
    return Table("Bijdrage aan de werkorganisatie voor en na de overdracht van de taak",
                 ["Gemeente", "Draagt taak over", "Bijdrage nu", "Bijdrage daarna", "Verschil", "Aandeel nu", "Aandeel daarna"], rows)


def conclusion(result: dict) -> list[str]:
    """The costs in a few plain Dutch sentences, for the top of the finance page: the cheapest variant
    with its range, how sure the difference with the next one is, and the difference with today."""
    years = result["years"]
    period = f"{years[0]}–{years[-1]}"
    variants = [v for v in result["variants"].values() if known(v)]
    lines = []
    if not variants:
        return [unknown_sentence(result) or "Er zijn nog geen kostenramingen."]
    ordered = sorted(variants, key=lambda v: v["total"]["horizon"]["mean"])
    best = ordered[0]
    h = best["total"]["horizon"]
    if len(ordered) == 1:
        lines.append(f"Over {period} kost {best['name']} alle deelnemers samen naar verwachting {formatting.euro(h['mean'])} "
                     f"(90 %-bandbreedte {formatting.euro(h['p05'])} – {formatting.euro(h['p95'])}).")
    else:
        lines.append(f"Over {period} is {best['name']} naar verwachting de goedkoopste variant: {formatting.euro(h['mean'])} voor alle "
                     f"deelnemers samen (90 %-bandbreedte {formatting.euro(h['p05'])} – {formatting.euro(h['p95'])}).")
        second = ordered[1]
        h2 = second["total"]["horizon"]
        text = f"Daarna {second['name']} met {formatting.euro(h2['mean'])}, {formatting.euro(h2['mean'] - h['mean'])} meer."
        if h2["p05"] <= h["p95"]:
            text += " De bandbreedtes overlappen: dat verschil is onzeker."
        else:
            text += " De bandbreedtes overlappen niet: dat verschil is vrij zeker."
        lines.append(text)
    for v in ordered:
        diffs = [m["difference"]["horizon"]["mean"] for m in v["municipalities"].values() if m["difference"]]
        if diffs:
            total = sum(diffs)
            word = "meer" if total > 0 else "minder"
            lines.append(f"{v['name']} kost alle gemeenten samen {formatting.euro(abs(total))} {word} dan de huidige uitvoering over dezelfde jaren.")
    note = unknown_sentence(result)
    if note:
        lines.append(note)
    return lines
