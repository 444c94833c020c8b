"""Scenario: fit, write the run directory, and open its report page in a real browser (headless
Chromium): one self-contained file whose plots load, away from the run directory too."""

import shutil

import numpy as np
import pytest

from rnncast import Forecaster
from rnncast.report import write_run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    t = np.arange(600)
    series = np.sin(0.2 * t) + 0.05 * np.random.default_rng(1).standard_normal(600)
    model = Forecaster(lookback=24, horizon=4, hidden_size=16, epochs=3, device="cpu").fit(series)
    run_dir = tmp_path_factory.mktemp("run")
    write_run(run_dir, model, series, source="test sine")
    return run_dir / "report.html"


def test_report_embeds_everything(report):
    html = report.read_text()
    assert html.count("data:image/png;base64,") == 2
    assert "src='http" not in html and 'src="http' not in html  # nothing fetched from elsewhere
    assert "<link" not in html and "<script" not in html


def test_every_plot_loads_in_headless_chromium(report, tmp_path):
    assert CHROMIUM, "Debian's chromium is not installed; `make test` installs it (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    moved = tmp_path / "mailed.html"  # the page works on its own, away from the run directory
    shutil.copy(report, moved)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        failed = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto(moved.as_uri(), wait_until="load")
        images = page.evaluate("Array.from(document.images).map(i => [i.alt, i.complete, i.naturalWidth, i.naturalHeight])")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert len(images) == 2
    for alt, complete, width, height in images:
        assert complete and width > 300 and height > 200, f"plot {alt!r} did not load: {width}x{height}"
    assert not failed
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_on_a_phones_width_the_page_does_not_scroll_sideways_and_its_tables_scroll_in_their_box(report, tmp_path):
    """At 420 px the run page's metric tables ran off the right edge and the whole page scrolled sideways (no
    viewport, tables unboxed). Now the page is as wide as the screen, each wide table scrolls in its own box to
    its last column, and each plot fits the screen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 420, "height": 900}, is_mobile=True, device_scale_factor=2)
        page.goto(report.as_uri(), wait_until="load")
        page_width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        boxes = page.evaluate("Array.from(document.querySelectorAll('table')).map(t => [t.parentElement.className, "
                              "t.parentElement.clientWidth, t.parentElement.scrollWidth, "
                              "getComputedStyle(t.parentElement).overflowX])")
        images = page.evaluate("Array.from(document.images).map(i => i.getBoundingClientRect().right)")
        page.screenshot(path=str(tmp_path / "narrow.png"), full_page=True)
        browser.close()
    assert screen == 420 and page_width <= screen  # a phone's width, and nothing wider than it
    assert boxes and all(kind == "scroll" and overflow == "auto" for kind, _, _, overflow in boxes)
    assert any(inner > outer for _, outer, inner, _ in boxes)  # the metric tables are wider: they scroll in their box
    assert images and all(right <= screen for right in images)
