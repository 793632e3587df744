"""Print where the demo runs and who can log in."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings.dev")

import django  # noqa: E402

django.setup()

from academy.accounts.demo import LOGINS, PASSWORD  # noqa: E402
from academy.editions.models import Edition  # noqa: E402

host, port = sys.argv[1], sys.argv[2]
base = f"http://{host}:{port}"
print(f"\nBooster Academy demo: {base}/")
for edition in Edition.objects.order_by("year"):
    print(f"  call of {edition.name}: {base}{edition.get_absolute_url()}")
print(f"\nDemo logins (password “{PASSWORD}”):")
for _key, email, _name, what in LOGINS:
    print(f"  {email:<28} {what}")
print("\nMail is printed here and kept under var/mail/. Stop with Ctrl-C.\n")
