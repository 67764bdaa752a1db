"""Speed of council-document import and generation (regiokompas.documents).

Reference document: a raadsvoorstel-like memo of about 20 A4 pages (header table, 12 sections,
paragraphs, nested bullet lists, decisions of seven municipalities), generated with render() and
imported again from .md (as text), .docx and .pdf. Goal from the issue: parsing a 20-page document
takes well under a second (goal 1 s per format). Also: importing the two seed documents and
rendering the reference document to each format; and building and rendering the example's
substantiation report in docx and pdf (CPU seconds, goals 1 s and 2 s), beside the figures measured
before the layout work and before the report got its short main part with annexes, with the ratios,
and the page counts (main part up to the first annex, and in all); downloading the same report
again through report.render_report (kept by its content); and the report's pdf made by Typst beside
WeasyPrint, the engine before it, with the ratio.

Run with ``python -m benchmarks documents`` or ``python benchmarks/bench_documents.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks import timings

REPEATS = 5
SEEDS = Path(__file__).resolve().parent.parent / "src" / "regiokompas" / "examples" / "seeds"


def reference_document():
    from regiokompas.documents.model import BulletList, Document, Paragraph, Section

    names = ["Alkmaar", "Bergen", "Castricum", "Heerhugowaard", "Heiloo", "Langedijk", "Uitgeest"]
    para = ("Het college van {m} heeft op 3 april 2012 ingestemd met de hoofdlijnennotitie, onder de voorwaarde dat de "
            "ondernemingsraden tijdig worden betrokken en dat de financiële gevolgen per gemeente inzichtelijk worden gemaakt. "
            "De gemeenten in de regio Alkmaar werken sinds 2012 samen op het gebied van sociale zaken; de uitvoering van de "
            "Participatiewet vraagt om een gedegen afweging van effectiviteit, efficiency en klantgerichtheid.")
    types = ["aanleiding", "kernboodschap", "argumenten", "kanttekeningen", "financien", "planning", "planning", "tekst",
             "tekst", "besluit", "vervolg", "bijlagen"]
    headings = ["Aanleiding", "Kernboodschap", "Argumenten", "Kanttekeningen", "Financiën", "Planning", "Uitvoering",
                "Communicatie met de ondernemingsraden", "Gevolgen voor cliënten", "Besluit college", "Vervolg", "Bijlagen"]
    sections = []
    for i, (t, h) in enumerate(zip(types, headings, strict=True)):
        if t == "bijlagen":
            sections.append(Section(t, h, [BulletList([f"Bijlage {k}" for k in range(1, 6)])]))
            continue
        blocks = []
        for k in range(9):
            blocks.append(Paragraph(para.format(m=names[(i + k) % len(names)])))
            if k % 3 == 2:
                blocks.append(BulletList([f"punt {k}.{j} over de uitvoering" for j in range(3)] + [BulletList(["een nadere uitwerking"])]))
        sections.append(Section(t, h, blocks))
    return Document(
        kind="memo", title="Regionale samenwerking sociale zaken: stand van zaken en besluit", organisation="gemeente Bergen",
        status="definitief",
        header={"datum": "29 mei 2012", "aan": "Gemeenteraad", "van": "College", "onderwerp": "Regionale samenwerking sociale zaken",
                "portefeuillehouder": "J. Mesu", "contact": "E. van Braak", "kenmerk": "BB12.00318"},
        sections=sections, attachments=[f"Bijlage {k}" for k in range(1, 6)],
    )


# The example's substantiation report ("Onderbouwing keuze uitvoeringsvariant" of
# alkmaar-sociale-zaken-2012, 10,000 draws): CPU seconds of building the document and rendering it,
# in one process after start-up, before the layout work of December 2026 (A4, fixed tables, charts
# through CairoSVG instead of a pdf round trip, tables written as WordprocessingML at once, exit
# effects sharing their sampled contributions). Measured on the same 2-core machine, Python 3.11.7,
# WeasyPrint 70, python-docx 1.2 (docs/benchmarks.md).
REPORT_BASELINE_CPU_S = {"build": 2.0, "docx": 2.0 + 5.7, "pdf": 2.0 + 12.1}
# The same figures after the layout work and before the report got its short main part with the
# detail in annexes (62 pages, 76 tables, 30 charts; measured 2 December 2026 08:41 UTC, load
# average 7.3), per cache state.
REPORT_BEFORE_ANNEXES_CPU_S = {"koud": {"build": 0.99, "docx": 1.67, "pdf": 6.77},
                               "warm": {"build": 0.028, "docx": 0.18, "pdf": 6.13}}
REPORT_GOAL_S = {"docx": 1.0, "pdf": 2.0}
REPORT_TRAJECTORY = "alkmaar-sociale-zaken-2012"
REPORT_REPEATS = 3


def _cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _example_report():
    """The example trajectory with an analysis run, in a database of its own (a temporary data
    folder unless REGIOKOMPAS_DATA_DIR is set)."""
    os.environ.setdefault("REGIOKOMPAS_DATA_DIR", tempfile.mkdtemp(prefix="regiokompas-bench-"))
    from regiokompas.cli import setup_django

    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from regiokompas.accounts.actors import SystemActor
    from regiokompas.examples import loader
    from regiokompas.options import report, services
    from regiokompas.register.models import Trajectory

    loader.load_all_if_missing()
    trajectory = Trajectory.objects.get(slug=REPORT_TRAJECTORY)
    run = report.latest_run(trajectory) or services.run_analysis(
        SystemActor("benchmark"), trajectory, samples=10_000, seed=1, label="benchmark")
    return trajectory, run


def _clear_cache() -> bool:
    """Empty Django's cache when it is this process's own (local memory): a cold start, as one
    ``regiokompas report`` command. A shared cache (Redis) is left alone: False."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    cache = caches["default"]
    if not isinstance(cache, LocMemCache):
        return False
    cache.clear()
    return True


def report_cases() -> list[dict]:
    """Building and rendering the example's substantiation report, CPU seconds (median of
    REPORT_REPEATS), beside the baseline measured before the layout work, with the ratio.

    Cold: Django's cache empty before each run (one ``regiokompas report`` command with the
    default local-memory cache). Warm: the cost simulation, the exit effects and the chart images
    already in the cache (a repeated download from the web application, or a shared cache)."""
    from regiokompas.documents.render import charts, render

    trajectory, run = _example_report()
    from regiokompas.options import report

    report.build(trajectory, run)  # warm-up: imports and first queries, as start-up of the command
    cold = _clear_cache()
    runs = {"koud": [], "warm": []} if cold else {"warm": []}
    builds: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(REPORT_REPEATS):
        for kind in runs:
            if kind == "koud":
                _clear_cache()
            builds[kind].append(_cpu(lambda: report.build(trajectory, run)))
    document = report.build(trajectory, run)
    cases = []
    for kind, times in builds.items():
        before = REPORT_BEFORE_ANNEXES_CPU_S[kind]["build"]
        cases.append(_case(f"rapport opbouwen (voorbeeld, cache {kind})", times, baseline_s=REPORT_BASELINE_CPU_S["build"],
                           ratio=round(REPORT_BASELINE_CPU_S["build"] / statistics.median(times), 2),
                           voor_bijlagen_s=before, ratio_bijlagen=round(before / statistics.median(times), 2)))
    for fmt in ("docx", "pdf"):
        for kind in runs:
            renders = []
            for _ in range(REPORT_REPEATS):
                charts.svg_png.cache_clear()  # the process's own memory of drawn charts
                if kind == "koud":
                    _clear_cache()
                renders.append(_cpu(lambda f=fmt: render(document, f)))
            totals = [statistics.median(builds[kind]) + r for r in renders]
            before = REPORT_BEFORE_ANNEXES_CPU_S[kind][fmt]
            cases.append(_case(f"rapport {fmt} (opbouwen + opmaken, CPU, cache {kind})", totals, REPORT_GOAL_S[fmt],
                               opmaken_s=round(statistics.median(renders), 3), baseline_s=REPORT_BASELINE_CPU_S[fmt],
                               ratio=round(REPORT_BASELINE_CPU_S[fmt] / statistics.median(totals), 2),
                               voor_bijlagen_s=before, ratio_bijlagen=round(before / statistics.median(totals), 2),
                               **(_page_counts(render(document, "pdf")) if fmt == "pdf" and kind == "warm" else {})))
    for fmt in ("docx", "pdf"):
        # the same report downloaded again: report.render_report keeps the file by its content
        report.render_report(trajectory, fmt, run)
        cases.append(_case(f"rapport {fmt} opnieuw downloaden (render_report, zelfde inhoud)",
                           [_cpu(lambda f=fmt: report.render_report(trajectory, f, run)) for _ in range(REPORT_REPEATS)],
                           REPORT_GOAL_S[fmt]))
    cases += pdf_engine_cases(document)
    return cases


def weasyprint_pdf(document) -> bytes:
    """The pdf as it was made before Typst: WeasyPrint from the html with print rules (tagged, PDF/UA-1)."""
    from weasyprint import HTML

    from regiokompas.documents.render.html import render_html

    html = HTML(string=render_html(document, for_pdf=True), base_url=".")
    return html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True)


def pdf_engine_cases(document) -> list[dict]:
    """Making the report's pdf with Typst (the engine) beside WeasyPrint (the engine before it), CPU
    and wall-clock seconds of the rendering alone, with the pages and the ratio. Without WeasyPrint
    installed only Typst is measured."""
    import pypdfium2 as pdfium

    from regiokompas.documents.render.pdf import render_pdf

    engines = {"Typst": render_pdf}
    try:
        import weasyprint  # noqa: F401

        engines["WeasyPrint"] = weasyprint_pdf
    except Exception:  # noqa: BLE001 - WeasyPrint is only a test dependency
        pass
    medians, cases = {}, []
    for name, make in engines.items():
        pdf = make(document)
        cpu = [_cpu(lambda m=make: m(document)) for _ in range(REPORT_REPEATS)]
        wall = timings(lambda m=make: m(document), REPORT_REPEATS)
        medians[name] = statistics.median(cpu)
        cases.append(_case(f"rapport pdf opmaken met {name} (CPU)", cpu, REPORT_GOAL_S["pdf"] if name == "Typst" else None,
                           wandklok_s=round(statistics.median(wall), 3), paginas=len(pdfium.PdfDocument(pdf)),
                           kb=round(len(pdf) / 1024)))
    if "WeasyPrint" in medians:
        cases[0]["ratio_weasyprint_typst"] = round(medians["WeasyPrint"] / medians["Typst"], 1)
    return cases


def _page_counts(pdf: bytes) -> dict:
    """Pages of the report: in all, and of the main part (up to the first annex, by the bookmarks)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    first_annex = [b.get_dest().get_index() for b in document.get_toc()
                   if b.get_title().startswith("Bijlage A.") and b.get_dest() is not None]
    return {"paginas": len(document), "paginas_hoofdtekst": first_annex[0] if first_annex else len(document)}


def _case(name: str, times: list[float], goal: float | None = None, **extra) -> dict:
    row = {"case": name, "median_s": statistics.median(times), "min_s": min(times)}
    if goal is not None:
        row["goal_s"] = goal
    row.update(extra)
    return row


def run() -> dict:
    import pypdfium2 as pdfium

    from regiokompas.documents.importer import import_bytes
    from regiokompas.documents.render import render

    doc = reference_document()
    rendered = {fmt: render(doc, fmt) for fmt in ("md", "docx", "pdf")}
    pages = len(pdfium.PdfDocument(rendered["pdf"]))
    cases = []
    for fmt, name in (("md", "x.txt"), ("docx", "x.docx"), ("pdf", "x.pdf")):
        data = rendered[fmt]
        result = import_bytes(data, name)
        same = [(s.type, s.heading, s.text) for s in result.document.sections] == [(s.type, s.heading, s.text) for s in doc.sections]
        cases.append(_case(f"inlezen {fmt} ({pages} p.)", timings(lambda d=data, n=name: import_bytes(d, n), REPEATS), 1.0,
                           secties_gelijk=same, besluiten=len(result.recognised.decisions)))
    for seed in sorted(SEEDS.glob("*.txt")):
        data = seed.read_bytes()
        cases.append(_case(f"inlezen seed {seed.name[:24]}", timings(lambda d=data, n=seed.name: import_bytes(d, n), REPEATS), 1.0))
    for fmt in ("html", "md", "docx", "pdf"):
        cases.append(_case(f"opmaken {fmt}", timings(lambda f=fmt: render(doc, f), REPEATS)))
    total = [c["median_s"] for c in cases[:3]]
    cases += report_cases()
    return {
        "name": "documents",
        "problem": f"memo van {pages} pagina's, {len(doc.sections)} secties; inlezen als tekst, docx en pdf; opmaken in 4 formaten",
        "median_s": max(total), "min_s": min(total), "goal_s": 1.0,
        "cases": cases,
    }


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
