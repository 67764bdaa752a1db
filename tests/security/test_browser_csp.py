"""In a real Chromium: the main pages of every kind load without a single Content-Security-Policy
violation in the console (styles, charts and generated documents included)."""

import pytest
from tests.browser.support import login
from tests.security.crawl import crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations(messages):
    return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]


def listen(page):
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def test_no_csp_violations_on_one_page_of_every_kind(page, site):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="projectleider"))
    urls = [url for url, response, parsed in crawl(client, per_route=1)
            if parsed is not None and not response.get("Content-Disposition", "").startswith("attachment")]
    assert len(urls) > 20
    assert any(url.endswith("download.html") for url in urls)  # a generated document, shown in the browser
    messages = listen(page)
    login(page, site.url, "projectleider")
    for url in urls:
        page.goto(f"{site.url}{url}")
        page.wait_for_load_state("load")
        assert not violations(messages), (url, violations(messages))
    # the stylesheet of the NL Design System and our own were applied (not blocked)
    page.goto(f"{site.url}/trajecten/")
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    # control: the browser does report what the policy blocks
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("""document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>')""")
    assert violations(messages)


def test_no_csp_violations_on_login_and_admin(page, site):
    messages = listen(page)
    page.goto(f"{site.url}/inloggen/")
    login(page, site.url, "beheer")
    for url in ("/beheer/", "/beheer/auth/user/", "/beheer/axes/accessattempt/"):
        page.goto(f"{site.url}{url}")
        page.wait_for_load_state("load")
    assert not violations(messages), violations(messages)
