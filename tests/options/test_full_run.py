"""A full run on the regio Alkmaar example: analysis stored, results page, reproduction,
comparison, and the substantiation report read back from docx (python-docx) and pdf (pypdf)."""

import io

import pytest
from django.apps import apps
from django.urls import reverse
from tests.options.helpers import SLUG, database_counts

from regiokompas.accounts.actors import SystemActor
from regiokompas.audit.models import AuditEntry
from regiokompas.engine import validate_results
from regiokompas.options import report, services
from regiokompas.options.errors import OptionsError
from regiokompas.options.models import AnalysisRun, Variant
from regiokompas.register.models import Trajectory

pytestmark = pytest.mark.django_db

MUNICIPALITIES = ["Alkmaar", "Bergen", "Castricum", "Heiloo", "Heerhugowaard", "Langedijk", "Schermer", "Graft-De Rijp"]


@pytest.fixture
def t():
    return Trajectory.objects.get(slug=SLUG)


@pytest.fixture
def run(engine, t):
    return services.run_analysis(SystemActor("test"), t, samples=2000, seed=7, label="test")


def test_run_is_stored_with_full_input_and_audited(run):
    assert run.number >= 1 and run.seed == 7 and run.samples == 2000 and run.engine_version
    assert run.problem["schema"] == "regiokompas.problem/1"
    assert len(run.problem["stakeholders"]) == 8 and len(run.problem["alternatives"]) == 3
    assert {s["id"] for s in run.problem["stakeholders"]} <= set(run.results["stakeholders"])
    assert len(run.snapshot["scores"]) == 24 and run.illustrative
    run.refresh_from_db()
    validate_results(run.results)  # as stored, in the engine's result format
    assert AuditEntry.objects.filter(action="analysis.run", object_id=str(run.pk)).exists()


def test_run_is_never_overwritten(run):
    run.label = "anders"
    with pytest.raises(OptionsError, match="nooit overschreven"):
        run.save()
    assert AnalysisRun.objects.get(pk=run.pk).label == "test"


def test_reproduction_gives_identical_results(run, users):
    result = services.reproduce_run(users["projectleider"], run)
    assert result.identical and result.same_engine
    assert result.run.reproduces == run and result.run.number == run.number + 1
    assert result.run.results["stakeholders"] == run.results["stakeholders"]


def test_results_page_shows_conclusions_charts_and_tables(client, users, run):
    client.force_login(users["raadslid-bergen"])
    html = client.get(reverse("options:run-detail", args=[SLUG, run.number])).content.decode()
    assert "van de gevallen de beste keuze" in html
    # the conclusion in plain Dutch comes first: pooled outcome, agreement, shared weights or their absence
    top = html[html.index("<h1"):html.index('id="details"')]
    assert "Conclusie in het kort" in top and "voor de gemeenten samen in" in top
    assert "De gemeenten zijn het " in top and "gewichten die bij de voorkeuren van alle gemeenten tegelijk passen" in top
    assert "Hoe ver moeten de gewichten verschuiven?" in html and html.count("omslag") >= 1
    assert html.count("<svg") >= 3 and "<desc" in html and "<caption>Rangkansen" in html
    assert "Alle gemeenten samen" in html and "Waar gemeenten het eens en oneens zijn" in html
    assert "illustratief" in html
    assert "Deze analyse reproduceren" not in html  # a raadslid does not start analyses


def test_compare_two_runs_page(client, users, run, engine):
    second = services.run_analysis(SystemActor("test"), run.trajectory, samples=2000, seed=8)
    client.force_login(users["bergen"])
    r = client.get(reverse("options:run-compare", args=[SLUG]) + f"?a={run.number}&b={second.number}")
    assert r.status_code == 200 and "De invoer (scores, voorkeuren, varianten en criteria) is gelijk." in r.content.decode()


def test_start_run_from_the_page(client, users, engine):
    client.force_login(users["alkmaar"])
    r = client.post(reverse("options:runs", args=[SLUG]), {"samples": "1000", "seed": "3", "pooled_weighting": "equal"})
    assert r.status_code == 302
    run = AnalysisRun.objects.filter(trajectory__slug=SLUG).order_by("-number").first()
    assert run.seed == 3 and run.samples == 1000 and "alkmaar" in run.created_by_label


def test_weighting_by_inhabitants_needs_every_figure(client, users, engine):
    client.force_login(users["alkmaar"])
    before = database_counts()
    r = client.post(reverse("options:runs", args=[SLUG]), {"samples": "1000", "pooled_weighting": "inhabitants"})
    assert r.status_code == 400
    assert "Weging naar inwonertal kan niet: geen inwonertal bekend van Graft-De Rijp" in r.content.decode()
    assert database_counts() == before


def test_bad_run_input_is_refused_and_nothing_saved(client, users, engine):
    client.force_login(users["alkmaar"])
    before = database_counts()
    r = client.post(reverse("options:runs", args=[SLUG]), {"samples": "5", "pooled_weighting": "equal"})
    assert r.status_code == 400 and "ten minste 100 trekkingen" in r.content.decode()
    client.force_login(users["raadslid-bergen"])
    assert client.post(reverse("options:runs", args=[SLUG]), {"samples": "1000", "pooled_weighting": "equal"}).status_code == 403
    assert database_counts() == before


def test_empty_criteria_set_is_refused_with_nothing_saved(engine):
    from tests.register.helpers import new_trajectory

    t, _ = new_trajectory("zonder-criteria")
    services.save_variant(SystemActor("test"), Variant(trajectory=t, number=1, name="A"))
    services.save_variant(SystemActor("test"), Variant(trajectory=t, number=2, name="B"))
    services.ensure_criteria_set(SystemActor("test"), t)
    before = database_counts()
    with pytest.raises(OptionsError, match="De criteriaset is leeg"):
        services.run_analysis(SystemActor("test"), t)
    assert database_counts() == before


def _chapters():
    """The headings of the report in print order: the main part, then the annexes."""
    finance = apps.is_installed("regiokompas.finance")
    main = ["Conclusie in het kort", "Vraag en aanleiding", "De varianten", "Criteria en scores in het kort", "De uitkomst",
            "Hoe vast ligt de uitkomst?", "Financiële gevolgen per gemeente", "Kwaliteit en beperkingen"]
    annexes = ["Criteria en scores met hun onderbouwing", "Voorkeuren per gemeente", "Uitkomsten per gemeente",
               "Gevoeligheid per gemeente"] + (["Financiële gevolgen: de uitwerking"] if finance else []) + [
               "Datakwaliteit: alle bevindingen", "Verantwoording van de berekening"]
    return main, [f"Bijlage {chr(ord('A') + i)}. {h}" for i, h in enumerate(annexes)]


def test_report_docx_reads_back_with_the_main_part_before_the_annexes(run, t):
    import docx

    content = report.render_report(t, "docx", run)
    document = docx.Document(io.BytesIO(content))
    chapters = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    main, annexes = _chapters()
    assert [p.text for p in chapters] == main + annexes
    # every annex starts on a new page; no chapter of the main part does
    assert [bool(p.paragraph_format.page_break_before) for p in chapters] == [False] * len(main) + [True] * len(annexes)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[headings.index("Bijlage A. Criteria en scores met hun onderbouwing") + 1] == "Voor- en nadelen per criterium"
    # the table of contents (a TOC field) follows the conclusion on page 1
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Inhoud") > texts.index("Conclusie in het kort")
    text = "\n".join(texts)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for name in MUNICIPALITIES:
        assert name in text, name
    assert "van de gevallen de beste keuze" in text and "niet onderbouwd" in text and "illustratief" in text.lower()
    # every chart is a real picture in the docx (never a placeholder), with its alt text
    figures = _figures(report.build(t, run))
    assert len(document.inline_shapes) == len(figures)
    assert not any(p.text.startswith("[Figuur]") for p in document.paragraphs)
    assert [shape._inline.docPr.get("descr") for shape in document.inline_shapes] == [f.alt for _type, f in figures]
    blobs = [part.blob for part in document.part.package.parts if part.content_type == "image/png"]
    assert blobs and all(b.startswith(b"\x89PNG") for b in blobs)  # identical pictures are stored once
    assert "Kleinste verschuiving van de gewichten tot een andere variant de beste is, per gemeente" in text
    assert "Eén gewicht laten variëren: omslagpunten per gemeente" in text
    if apps.is_installed("regiokompas.finance"):
        assert "verdeelsleutel" in text  # the chapter written by the finance app
    else:
        assert "geen kostengegevens" in text


# Words of the method that a council member need not know; page 1 does without them.
JARGON = ("smaa", "acceptabiliteit", "rangkans", "centrale gewicht", "centraal gewicht", "betrouwbaarheidsfactor", "holistisch",
          "trekking", "pert", "shapley", "seed", "monte carlo", "stochastisch", "markov")


def test_report_pdf_page_one_is_plain_and_the_main_part_is_at_most_ten_pages(run, t):
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(report.render_report(t, "pdf", run)))
    page_one = pdf.pages[0].extract_text()
    # the conclusion in plain Dutch: the variants by name, how certain in words, what would change it
    assert "Conclusie in het kort" in page_one
    assert "Samenwerking op onderdelen" in page_one or "Voorkeursvariant van de hoofdlijnennotitie" in page_one
    assert "Hoe zeker:" in page_one and "Wat de uitkomst zou veranderen:" in page_one
    plain = " ".join(page_one.split()).lower()
    assert [word for word in JARGON if word in plain] == []
    assert "Inhoud" not in page_one  # the table of contents follows the conclusion

    main, annexes = _chapters()
    outline = _outline(pdf)
    titles = [title for title, _page in outline]
    assert [x for x in titles if x in main + annexes] == main + annexes  # every chapter and annex is a bookmark, in order
    first_annex = dict(outline)[annexes[0]]
    assert first_annex <= 10, f"the main part takes {first_annex} pages"
    assert all(page < first_annex for title, page in outline if title in main)  # the main part ends before the first annex
    text = "\n".join(pdf.pages[i].extract_text() for i in range(len(pdf.pages)))
    words = " ".join(text.split())  # a name may break over two lines
    for name in MUNICIPALITIES:
        assert name in words, name
    assert "Onderbouwing keuze uitvoeringsvariant" in text and "Bijlage D. Gevoeligheid per gemeente" in text
    # the contents list the annexes with their page
    contents = pdf.pages[1].extract_text() + pdf.pages[2].extract_text()
    assert all(a in " ".join(contents.split()) for a in annexes)
    assert "Verschuiving van gewicht tot een andere variant de beste is" in text  # text inside the chart (vector)


def _outline(pdf) -> list[tuple[str, int]]:
    """The pdf's bookmarks, flattened: (title, 0-based page)."""
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline)
    return out


def _figures(document):
    from regiokompas.documents.model import Figure

    return [(s.type, b) for s in document.sections for b in s.blocks if isinstance(b, Figure)]


def test_report_main_part_has_a_few_key_charts_each_with_its_table(run, t):
    from regiokompas.documents.model import Table

    document = report.build(t, run)
    assert [s.annex for s in document.sections] == sorted(s.annex for s in document.sections)  # main part, then annexes
    figures = _figures(document)
    kinds = [kind for kind, _f in figures]
    assert kinds.count("resultaten") == 2 and kinds.count("gevoeligheid") == 1  # per municipality, why, how firm
    assert len(figures) <= 5 and not any(s.annex for s in document.sections if any(isinstance(b, type(figures[0][1])) for b in s.blocks))
    for section in document.sections:
        blocks = section.blocks
        for i, block in enumerate(blocks):
            if block in [f for _k, f in figures]:
                assert block.caption and block.alt and "<title" in block.svg and "<desc" in block.svg
                assert isinstance(blocks[i + 1], Table), f"{section.heading}: a chart without a table after it"
    overview = next(s for s in document.sections if s.type == "gevoeligheid")
    table = next(b for b in overview.blocks if isinstance(b, Table))
    assert [row[0] for row in table.rows] == [b for b in _block_names(run)]
    assert all("procentpunt" in row[3] for row in table.rows)


def test_report_annexes_keep_every_index_in_one_table_per_index(run, t):
    from regiokompas.documents.model import Table
    from regiokompas.options.results import read

    document = report.build(t, run)
    reading = read(run.problem, run.results, run.snapshot)
    blocks, alternatives = reading.blocks, reading.alternatives
    indices = next(s for s in document.sections if s.type == "resultaten_gemeenten")
    tables = [b for b in indices.blocks if isinstance(b, Table)]

    def rows(caption):
        return next(b for b in tables if b.caption.startswith(caption)).rows

    rank = rows("Rangkansen, holistische aanvaardbaarheid en betrouwbaarheidsfactor")
    assert len(rank) == len(blocks) * len(alternatives) and rank[0][0] == f"{blocks[0].name} – Variant 1"
    assert rank[0][1:] == blocks[0].rank_table()[1][0][1:]  # the same figures as the results page
    assert len(rows("Centrale gewichten")) == len(blocks) * len(alternatives)
    assert len(rows("Gewichten die bij de voorkeuren passen")) == len(blocks)
    assert len(rows("Waardeprofiel")) == len(blocks) * len(alternatives)
    assert len(rows("Kans dat de variant in de rij beter uitkomt")) == len(blocks) * len(alternatives)
    assert len(tables) == 5  # one table per index, not one per municipality
    sensitivity = next(s for s in document.sections if s.type == "gevoeligheid_gemeenten")
    overview, sweep, values = [b for b in sensitivity.blocks if isinstance(b, Table)]
    assert len(values.rows) == len(blocks) * (len(alternatives) + 1) and len(values.header) == 12  # 0 %, 10 %, …, 100 %
    assert len(overview.header) == 5 and [row[0] for row in overview.rows] == _block_names(run)
    assert [row[0] for row in sweep.rows] == _block_names(run)
    for name in MUNICIPALITIES:
        assert any(name in b for b in _block_names(run)) and name in sensitivity.text


def _block_names(run):
    from regiokompas.options.results import read

    return [b.name for b in read(run.problem, run.results, run.snapshot).blocks]


def test_report_html_and_md_carry_every_chart_and_list_the_annexes(run, t):
    import re

    figures = _figures(report.build(t, run))
    html = report.render_report(t, "html", run).decode()
    assert html.count("<figure>") == len(figures) and html.count("<svg") == len(figures)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the html report"
    main, annexes = _chapters()
    toc = html[html.index('<nav class="rk-toc"'):html.index("</nav>")]
    assert all(f">{a}</a>" in toc for a in main + annexes)
    assert html.index("<h2 id=\"h1\">Conclusie in het kort</h2>") < html.index('<nav class="rk-toc"')
    assert html.count('class="rk-annex"') == len(annexes)
    md = report.render_report(t, "md", run).decode()
    assert md.count("](data:image/svg+xml;base64,") == len(figures)
    assert md.index("## Conclusie in het kort") < md.index("## Vraag en aanleiding") < md.index("## Bijlage A. ")
    assert all(f"\n## {a}\n" in md for a in annexes)


def test_report_download_button(client, users, run):
    client.force_login(users["griffier-bergen"])
    r = client.get(reverse("options:report", args=[SLUG, "md"]) + f"?analyse={run.number}")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    assert b"## De uitkomst" in r.content and b"## Bijlage A. " in r.content


def test_charts_download_as_svg(client, users, run):
    client.force_login(users["raadslid-bergen"])
    r = client.get(reverse("options:run-chart", args=[SLUG, run.number, "rangkansen", "GM0373"]))
    assert r.status_code == 200 and r["Content-Type"].startswith("image/svg+xml") and b"<title" in r.content
    assert client.get(reverse("options:run-chart", args=[SLUG, run.number, "vergelijking", "alle"])).status_code == 200
    assert b"Verschuiving van gewicht" in client.get(reverse("options:run-chart", args=[SLUG, run.number, "verschuiving", "alle"])).content
    assert b"<polyline" in client.get(reverse("options:run-chart", args=[SLUG, run.number, "gevoeligheid", "pooled"])).content
    assert client.get(reverse("options:run-chart", args=[SLUG, run.number, "taart", "GM0373"])).status_code == 404
    assert client.get(reverse("options:run-chart", args=[SLUG, run.number, "rangkansen", "GM9999"])).status_code == 404


def test_overview_shows_the_conclusion_for_the_users_own_municipality(client, users, run):
    client.force_login(users["bergen"])
    html = client.get(reverse("options:overview", args=[SLUG])).content.decode()
    assert "Uitkomst voor uw gemeente" in html and "voor Bergen (NH.) in" in html
    client.force_login(users["projectleider"])
    assert "Uitkomst voor uw gemeente" not in client.get(reverse("options:overview", args=[SLUG])).content.decode()
