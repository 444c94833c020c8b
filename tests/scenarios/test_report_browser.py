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
