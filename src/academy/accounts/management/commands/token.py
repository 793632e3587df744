from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from academy.accounts.services import create_api_token


class Command(BaseCommand):
    help = "API tokens: `academy token create EMAIL` prints a new bearer token for that person."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it once.")
        create.add_argument("email")
        create.add_argument("--name", default="")

    def handle(self, *args, action, email, name, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No person with the e-mail address {email}.")
        self.stdout.write(create_api_token(user, name=name))
