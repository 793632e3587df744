"""The shared PDF path (academy.pdf) that receipts, certificates and the info pack go through: resources
come only from data: URLs and this site's static files, and a cached stylesheet is read again when its
file changes."""

import base64
import io
import os
import socket
import threading

import pytest
from django.conf import settings
from pypdf import PdfReader

from academy import pdf

SITE = settings.SITE_URL.rstrip("/")
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_a_static_file_of_this_site_is_read_from_disk():
    response = pdf.fetcher().fetch(f"{SITE}/static/applications/css/receipt-pdf.css")
    assert b"DejaVu Sans" in response.read()
    assert response.content_type == "text/css"


def test_a_data_url_is_answered():
    response = pdf.fetcher().fetch("data:image/png;base64," + base64.b64encode(PNG).decode())
    assert response.read() == PNG


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://203.0.113.7/static/applications/css/receipt-pdf.css",  # another host, same path
        f"{SITE}/media/receipts/x.pdf",  # this site, but not its static files
        f"{SITE}/static/../settings/base.py",
        f"{SITE}/static/%2e%2e/settings/base.py",
        "ftp://127.0.0.1/x",
    ],
)
def test_every_other_address_is_refused_without_being_opened(url):
    with pytest.raises(pdf.Refused):
        pdf.fetcher().fetch(url)


@pytest.fixture
def listener():
    """A TCP port on loopback that counts the connections it receives."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted = []

    def serve():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    stop = threading.Event()
    thread = threading.Thread(target=serve)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


@pytest.fixture
def probe(settings):
    """A one-line template, `probe.html`, with an image whose address the test chooses."""
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"probe.html": '<p>Before</p><img src="{{ src }}" alt=""><p>After</p>'},
                    )
                ]
            },
        }
    ]
    return "probe.html"


def test_a_document_pointing_at_a_network_address_renders_without_reaching_it(listener, probe):
    port, accepted = listener
    data = pdf.render_pdf("probe.html", {"src": f"http://127.0.0.1:{port}/tracker.png"})
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Before" in text and "After" in text
    assert accepted == [], "the renderer opened a connection"


def test_a_stylesheet_changed_on_disk_is_read_again(tmp_path, probe):
    sheet = tmp_path / "page.css"
    sheet.write_text("@page { size: A5 portrait; }")

    def page_size():
        box = PdfReader(io.BytesIO(pdf.render_pdf(probe, {"src": "data:,"}, stylesheet=sheet))).pages[0]
        return round(float(box.mediabox.width) / 72 * 25.4), round(float(box.mediabox.height) / 72 * 25.4)

    assert page_size() == (148, 210)
    assert page_size() == (148, 210)  # from the cache
    sheet.write_text("@page { size: A4 landscape; }")
    os.utime(sheet, ns=(sheet.stat().st_atime_ns, sheet.stat().st_mtime_ns + 1_000_000_000))
    assert page_size() == (297, 210)
