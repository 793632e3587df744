"""Demo logins: one per role, all with the same password, e-mail verified."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from .models import Role, User
from .services import grant_role

PASSWORD = "booster-demo"  # noqa: S105 -- the demo's published password
DOMAIN = "academy.example"
LOGINS = [
    # (key, e-mail, name, what they show)
    ("admin", f"admin@{DOMAIN}", "Ada Admin", "platform admin: the back office at /admin/"),
    ("organiser", f"organiser@{DOMAIN}", "Olga Organiser", "organiser of both editions"),
    ("reviewer", f"reviewer@{DOMAIN}", "Rui Reviewer", "reviewer of the 2022 edition"),
    ("coach", f"coach@{DOMAIN}", "Chloé Coach", "coach of the 2022 edition"),
    ("applicant", f"applicant@{DOMAIN}", "Ana Applicant", "cluster manager in Portugal: eligible"),
    ("staff", f"staff@{DOMAIN}", "Sven Staff", "cluster staff in Sweden: not eligible (not the manager)"),
    ("outsider", f"outsider@{DOMAIN}", "Otto Outsider", "manager of a Swiss cluster: country not eligible"),
]


def seed(ctx):
    password = make_password(PASSWORD)  # hashed once: the hasher is slow on purpose
    for key, email, name, _what in LOGINS:
        admin = key == "admin"
        user = User.objects.create(email=email, full_name=name, password=password, is_staff=admin, is_superuser=admin)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        ctx.users[key] = user
    for edition in ctx.editions.values():
        grant_role(ctx.users["organiser"], edition, Role.ORGANISER)
    grant_role(ctx.users["reviewer"], ctx.editions["2022"], Role.REVIEWER)
    grant_role(ctx.users["coach"], ctx.editions["2022"], Role.COACH)
    ctx.say(f"{len(LOGINS)} demo logins, password “{PASSWORD}”")
