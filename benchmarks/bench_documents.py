"""Speed of council-document import and generation (regiokompas.documents).

Reference document: a raadsvoorstel-like memo of about 20 A4 pages (header table, 12 sections,
paragraphs, nested bullet lists, decisions of seven municipalities), generated with render() and
imported again from .md (as text), .docx and .pdf. Goal from the issue: parsing a 20-page document
takes well under a second (goal 1 s per format). Also: importing the two seed documents and
rendering the reference document to each format.

Run with ``python -m benchmarks documents`` or ``python benchmarks/bench_documents.py``.
"""

from __future__ import annotations

import json
import statistics
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
    return {
        "name": "documents",
        "problem": f"memo van {pages} pagina's, {len(doc.sections)} secties; inlezen als tekst, docx en pdf; opmaken in 4 formaten",
        "median_s": max(total), "min_s": min(total), "goal_s": 1.0,
        "cases": cases,
    }


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
