"""`make screenshots`: PNGs of what each role sees, for the README, into docs/screenshots/.

Seeds a fresh demo database of its own (under var/screenshots/, so `make demo`'s data are left alone),
starts `academy runserver` on a free port, logs each demo person in through the real login form in
Debian's chromium (Playwright) and photographs their page at 1280 px (and the apply page at 390 px, a
phone), then stops the server (`--reuse`: keep the data seeded by the last run). Each PNG is cut at a few
screen heights and reduced to a palette, so the repository stays small. A page wider than the window is
reported and the command fails, since the README must not show one."""

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "screenshots"
OUT = ROOT / "docs" / "screenshots"
ACADEMY = ROOT / ".venv" / "bin" / "academy"
ENV = {**os.environ, "ACADEMY_DATA_DIR": str(DATA), "DJANGO_SETTINGS_MODULE": "academy.settings.dev"}
ENV.pop("DATABASE_URL", None)  # always the screenshot's own SQLite, never a configured database
MAX_HEIGHT = {1280: 1400, 390: 1700}  # px of page kept: the top of the page, what a reader needs to see


def academy(*args):
    subprocess.run([str(ACADEMY), *args], env=ENV, check=True)  # noqa: S603 -- our own command, fixed arguments


def seed():
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    academy("migrate", "--no-input", "-v", "0")
    academy("seed", "--seed", "2022")


def demo_facts():
    """The addresses that depend on the seeded data: the open edition, the adopted run, a certificate."""
    os.environ.update(ACADEMY_DATA_DIR=str(DATA), DJANGO_SETTINGS_MODULE="academy.settings.dev")
    os.environ.pop("DATABASE_URL", None)
    import django  # noqa: PLC0415 -- only once the environment names the screenshots' own database

    django.setup()
    from academy.accounts.demo import DOMAIN, PASSWORD  # noqa: PLC0415 -- models need django.setup() first
    from academy.completion.models import Certificate  # noqa: PLC0415
    from academy.editions.models import Edition  # noqa: PLC0415
    from academy.selection.models import SelectionRun  # noqa: PLC0415

    editions = Edition.objects.order_by("year")
    past, current = editions.get(slug="cba-2022"), editions.exclude(slug="cba-2022").last()
    run = SelectionRun.objects.get(edition=past, adopted_at__isnull=False)
    certificate = Certificate.objects.filter(edition=past).order_by("pk").first()
    return {
        "password": PASSWORD,
        "email": lambda key: f"{key}@{DOMAIN}",
        "past": past.slug,
        "open": current.slug,
        "run": run.number,
        "code": certificate.code,
    }


def shots(f):
    """(file name, demo login or None, address, window width)."""
    return [
        ("applicant-apply-1280", "applicant", f"/editions/{f['open']}/apply/", 1280),
        ("applicant-apply-390", "applicant", f"/editions/{f['open']}/apply/", 390),
        ("reviewer-queue-1280", "reviewer", f"/review/{f['past']}/", 1280),
        ("organiser-dashboard-1280", "organiser", f"/orga/{f['past']}/", 1280),
        ("organiser-review-board-1280", "organiser", f"/orga/{f['past']}/reviews/", 1280),
        ("organiser-selection-run-1280", "organiser", f"/orga/{f['past']}/selection/runs/{f['run']}/", 1280),
        ("participant-programme-1280", "applicant", f"/editions/{f['past']}/programme/", 1280),
        ("public-certificate-check-1280", None, f"/verify/{f['code']}/", 1280),
    ]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base, server, seconds=120):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.poll() is not None:
            sys.exit("runserver stopped before it answered")
        try:
            urllib.request.urlopen(f"{base}/", timeout=5)  # noqa: S310 -- our own local server
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"runserver did not answer at {base} within {seconds} s")


def optimised_png(raw):
    """A palette PNG: screenshots are flat colours, so 256 of them look the same at a fraction of the size."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, "PNG", optimize=True
    )
    return out.getvalue()


def photograph(base, facts):
    OUT.mkdir(parents=True, exist_ok=True)
    too_wide = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        sessions = {}
        for name, who, address, width in shots(facts):
            key = (who, width)
            if key not in sessions:
                context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=1)
                page = context.new_page()
                if who:
                    page.goto(f"{base}/accounts/login/")
                    page.get_by_label("Email").fill(facts["email"](who))
                    page.get_by_label("Password").fill(facts["password"])
                    page.get_by_role("button", name="Sign In").click()
                    page.wait_for_load_state()
                sessions[key] = page
            page = sessions[key]
            response = page.goto(f"{base}{address}")
            page.wait_for_load_state("networkidle")
            if response.status != 200:
                sys.exit(f"{address} as {who or 'a visitor'}: HTTP {response.status}")
            scroll_width, height = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            if scroll_width > width:
                too_wide.append(f"{address} as {who or 'a visitor'}: {scroll_width} px wide at {width}")
            clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT[width])}
            png = optimised_png(page.screenshot(full_page=True, clip=clip))
            (OUT / f"{name}.png").write_bytes(png)
            print(f"  docs/screenshots/{name}.png  {address}  ({len(png) // 1024} kB)")
        browser.close()
    return too_wide


def main():
    if "--reuse" in sys.argv[1:] and (DATA / "academy.sqlite3").exists():
        print(f"Reusing the demo data under {DATA.relative_to(ROOT)}/")
    else:
        seed()
    academy("collectstatic", "--no-input", "-v", "0")  # the current CSS, also over data kept with --reuse
    facts = demo_facts()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (DATA / "runserver.log").open("w")  # its request lines, kept out of the terminal
    command = [str(ACADEMY), "runserver", f"127.0.0.1:{port}", "--noreload"]
    server = subprocess.Popen(command, env=ENV, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 -- as above
    try:
        wait_until_up(base, server)
        too_wide = photograph(base, facts)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    if too_wide:
        sys.exit("Pages wider than the window:\n  " + "\n  ".join(too_wide))


if __name__ == "__main__":
    main()
