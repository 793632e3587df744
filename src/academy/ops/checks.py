"""What `manage.py check --deploy` asks of the machine itself, beyond Django's settings."""

from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def font_subsetter(app_configs, **kwargs):
    """Receipts and certificates are PDFs: without HarfBuzz's subsetter WeasyPrint subsets their fonts with
    fontTools, and each PDF takes about ten times the CPU (290 ms instead of 30): at the deadline, minutes of lag."""
    from weasyprint.text import ffi  # noqa: PLC0415 - loads Pango: only the deploy check pays for it

    if ffi.harfbuzz_subset is not None and ffi.harfbuzz.hb_version_atleast(4, 1, 0):
        return []
    return [
        checks.Warning(
            "WeasyPrint cannot find HarfBuzz's font subsetter: every receipt and certificate PDF will take about "
            "ten times the CPU, and receipts will lag at the deadline.",
            hint="Install it with the system's package manager: apt-get install libharfbuzz-subset0 (Debian).",
            id="academy.W001",
        )
    ]
