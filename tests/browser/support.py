"""Browser tests: Debian's Chromium driven by Playwright (no browser download), axe-core for WCAG.

Loaded once as a pytest plugin from tests/conftest.py, so every app's browser tests share one
Playwright session. Test modules import only the helpers (`login`, `assert_accessible`), never
the fixtures: a fixture imported into a module would start a second Playwright session."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.fail("Chromium ontbreekt: installeer het Debian-pakket 'chromium' (make test doet dat).")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the CBS municipalities (as after `migrate`) and the example dossier
    (transactional tests start from an empty database)."""
    from regiokompas.accounts.demo import create_demo_accounts
    from regiokompas.examples import loader
    from regiokompas.register.municipalities import load_municipalities

    load_municipalities()
    loader.load_all_if_missing()
    create_demo_accounts()
    return live_server


@pytest.fixture
def page(browser, site):
    context = browser.new_context(locale="nl-NL")
    pg = context.new_page()
    yield pg
    context.close()


def login(page, base_url, username):
    from regiokompas.accounts.demo import DEMO_PASSWORD

    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base_url}/trajecten/")


def assert_accessible(page):
    """No WCAG 2.1 A/AA violations found by axe-core."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = results.response["violations"]
    assert not violations, "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['html'][:160]}" for v in violations)
