"""`make screenshots` (scripts/screenshots.py): its addresses are the product's views, its logins the demo's,
its PNGs are palette images, and the README shows only PNGs that the command writes."""

import importlib.util
import io
import re

from django.conf import settings
from django.urls import resolve
from PIL import Image

from academy.accounts.demo import DOMAIN, LOGINS

ROOT = settings.BASE_DIR
spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
screenshots = importlib.util.module_from_spec(spec)
spec.loader.exec_module(screenshots)

FACTS = {"past": "cba-2022", "open": "cba-2027", "run": 1, "code": "abc123", "email": lambda key: f"{key}@{DOMAIN}"}
EXPECTED_VIEWS = {
    "applicant-apply-1280": "applications:apply",
    "applicant-apply-390": "applications:apply",
    "reviewer-queue-1280": "reviews:queue",
    "organiser-dashboard-1280": "reports:dashboard",
    "organiser-review-board-1280": "reviews:board",
    "organiser-selection-run-1280": "selection:run",
    "participant-programme-1280": "programme:timetable",
    "public-certificate-check-1280": "completion:verify",
}


def test_each_shot_is_the_page_of_its_role_at_a_window_width_it_knows():
    logins = {key for key, *_ in LOGINS}
    shots = screenshots.shots(FACTS)
    assert {name: resolve(address).view_name for name, _who, address, _width in shots} == EXPECTED_VIEWS
    assert all(who is None or who in logins for _name, who, _address, _width in shots)
    assert {width for *_, width in shots} == set(screenshots.MAX_HEIGHT) == {1280, 390}


def test_a_screenshot_is_stored_as_a_palette_png_of_the_same_size():
    image = Image.new("RGB", (320, 200), "white")
    for x in range(0, 320, 4):
        image.putpixel((x, 100), (x % 256, 30, 200))
    raw = io.BytesIO()
    image.save(raw, "PNG")
    result = Image.open(io.BytesIO(screenshots.optimised_png(raw.getvalue())))
    assert (result.mode, result.size) == ("P", (320, 200))
    assert result.convert("RGB").getpixel((8, 100)) == (8, 30, 200)


def test_the_readme_shows_only_screenshots_that_the_command_writes_and_that_are_committed():
    shown = re.findall(r"docs/screenshots/([\w-]+)\.png", (ROOT / "README.md").read_text())
    written = {name for name, *_ in screenshots.shots(FACTS)}
    assert shown, "the README shows no screenshot"
    assert set(shown) <= written
    assert all((ROOT / "docs" / "screenshots" / f"{name}.png").is_file() for name in written)
