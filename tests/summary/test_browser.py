"""The summary per municipality, the results overview and the glossary in a real browser: axe (WCAG
2.1 AA) at 1280 px and 360 px, no horizontal scrolling of the page at 360 px, and the summary prints
on at most two A4 pages."""

import io

import pytest
from tests.browser.support import assert_accessible, login

from regiokompas.accounts.actors import SystemActor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "alkmaar-sociale-zaken-2012"
WIDTHS = (1280, 360)


def _check_widths(page):
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # check the disclosed layers too
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        if width == 360:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            wide = page.evaluate("""[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
            assert overflow <= 0, f"de pagina scrolt {overflow} px horizontaal bij 360 px: {wide}"


def test_summary_results_and_glossary(page, site):
    from regiokompas.options import services
    from regiokompas.register.models import Trajectory

    run = services.run_analysis(SystemActor("test"), Trajectory.objects.get(slug=SLUG), samples=500, seed=2)
    login(page, site.url, "raadslid-bergen")
    page.goto(f"{site.url}/gemeenten/GM0373/")
    page.get_by_role("link", name="Samenvatting: Regionale samenwerking Sociale Zaken regio Alkmaar").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wat betekent dit voor Bergen (NH.)?"
    assert page.get_by_role("heading", name="2 open voorwaarden").is_visible()
    assert page.get_by_role("table", name="Verwachte kosten per variant voor Bergen (NH.)").is_visible()
    _check_widths(page)
    # printed: A4, at most two pages, without the site's menu
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 2, f"{len(reader.pages)} pagina's"
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Wat betekent dit voor Bergen" in text and "Uitloggen" not in text
    page.emulate_media(media="screen")

    page.goto(f"{site.url}/trajecten/{SLUG}/varianten/analyses/{run.number}/")
    assert page.get_by_role("heading", name="Conclusie in het kort").is_visible()
    page.get_by_text("Wat betekenen deze begrippen?").first.click()
    assert page.get_by_text("Een manier om varianten te vergelijken").first.is_visible()
    _check_widths(page)
    page.get_by_role("link", name="SMAA-2").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Begrippen"
    _check_widths(page)
