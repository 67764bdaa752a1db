"""The house-style page in a real browser: the beheerder sets name, colour and a logo, a bad colour
is refused with the error summary, and every page state passes axe (WCAG 2.1 A/AA)."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from tests.browser.support import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beheerder_sets_the_house_style(page, site, tmp_path):
    from regiokompas.housestyle.models import HouseStyle

    logo = tmp_path / "logo.png"
    buf = io.BytesIO()
    Image.new("RGB", (300, 100), (20, 90, 160)).save(buf, format="PNG")
    logo.write_bytes(buf.getvalue())
    base = site.url
    login(page, base, "beheer")
    page.goto(f"{base}/inrichting/")
    page.get_by_role("link", name="Huisstijl van documenten").click()
    assert_accessible(page)
    page.get_by_role("link", name="instellen (Bergen").first.click()
    assert_accessible(page)
    page.get_by_label("Naam in documenten").fill("Gemeente Bergen (NH)")
    page.get_by_label("Huisstijlkleur").fill("#ffee00")
    page.get_by_role("button", name="Huisstijl opslaan").click()
    assert page.get_by_role("alert").is_visible()
    assert "te licht" in page.content()
    assert_accessible(page)
    assert not HouseStyle.objects.exists()
    page.get_by_label("Huisstijlkleur").fill("#7a1f5c")
    page.get_by_label("Logo").set_input_files(str(logo))
    page.get_by_role("button", name="Huisstijl opslaan").click()
    page.wait_for_url(f"{base}/inrichting/huisstijl/")
    assert "Gemeente Bergen (NH), kleur #7a1f5c, met logo" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="instellen (Bergen").first.click()
    assert page.get_by_role("img", name="Huidig logo van Bergen").first.is_visible()
    assert_accessible(page)
