from django.core.management.base import BaseCommand, CommandError

from academy.editions.models import Edition
from academy.selection.offers import expire_overdue


class Command(BaseCommand):
    help = "Offers: `academy offers expire [EDITION]` closes overdue offers and offers the freed seats."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        expire = sub.add_parser("expire", help="Expire every open offer past its respond-by, then promote.")
        expire.add_argument("edition", nargs="?", help="The edition's slug (default: every edition).")

    def handle(self, *args, action, edition=None, **options):
        chosen = None
        if edition:
            chosen = Edition.objects.filter(slug=edition).first()
            if chosen is None:
                raise CommandError(f"No edition with the slug {edition!r}.")
        expired, promoted = expire_overdue(edition=chosen)
        self.stdout.write(f"{expired} offer(s) expired; {len(promoted)} seat(s) offered from the waitlist.")
        for offer in promoted:
            person = offer.application.applicant.email
            self.stdout.write(f"  offered to {person}, respond by {offer.respond_by.isoformat(timespec='minutes')}")
