"""The navigation bar in a real Chromium: it fits on one line at a common laptop width."""

import re

import pytest

from accounts.models import Role
from tests.browser import chromium_context
from tests.conftest import make_user

PASSWORD = "navbar-browser-password-2468"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_navbar_fits_one_line_at_1400px(live_server, team, language):
    user = make_user("navbar-owner-with-a-long-address@agency-a.example", team, Role.OWNER)
    user.set_password(PASSWORD)
    user.save()

    with chromium_context(live_server.url, 15_000) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 1400, "height": 900})
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_url(re.compile(r"^[^?#]*://[^/]+/$"))
        page.select_option("#language-switch", language)
        page.click("#language-switch ~ button")
        page.wait_for_selector(f"html[lang={language}]")

        brand_height = page.locator(".navbar-brand").bounding_box()["height"]
        bar_height = page.locator("nav.navbar").bounding_box()["height"]
        link_heights = page.eval_on_selector_all(
            "#main-nav .nav-link, #main-nav .btn", "nodes => nodes.map(node => node.getBoundingClientRect().height)")
        link_tops = page.eval_on_selector_all(
            "#main-nav > ul > li, #main-nav > div > *", "nodes => nodes.map(node => node.getBoundingClientRect().top)")

        page.click("text=Team" if language == "en" else "#main-nav .dropdown-toggle >> nth=-2")
        audit_link_visible = page.locator("#main-nav a[href='/accounts/team/audit/']").is_visible()

    assert bar_height < brand_height * 2.5, bar_height
    assert max(link_heights) < brand_height * 1.5, link_heights
    assert max(link_tops) - min(link_tops) < brand_height, link_tops
    assert audit_link_visible
