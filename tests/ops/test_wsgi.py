"""The WSGI entry point that gunicorn loads in each web process before it accepts connections."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOADED = """
import sys
import academy.wsgi
print(sorted(m for m in ("academy.urls", "academy.applications.views.applicant") if m in sys.modules))
"""


def test_loading_the_wsgi_application_imports_the_urlconf_and_views_before_any_request():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings.test", "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", LOADED], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "['academy.applications.views.applicant', 'academy.urls']", (
        result.stdout
    )
