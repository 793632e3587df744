import random
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from academy.accounts import demo as accounts_demo
from academy.applications import demo as applications_demo
from academy.community import demo as community_demo
from academy.completion import demo as completion_demo
from academy.editions import demo as editions_demo
from academy.editions.models import Academy
from academy.mail import demo as mail_demo
from academy.participation import demo as participation_demo
from academy.privacy import demo as privacy_demo
from academy.privacy import demo_notices as privacy_notices_demo
from academy.programme import demo as programme_demo
from academy.registry import demo as registry_demo
from academy.reports import demo as reports_demo
from academy.reviews import demo as reviews_demo
from academy.selection import demo as selection_demo
from academy.selection import demo_offers as offers_demo

# Each domain app's demo.seed(ctx), in the order of the academy's lifecycle.
STEPS = [
    editions_demo,
    registry_demo,
    accounts_demo,
    privacy_notices_demo,
    applications_demo,
    reviews_demo,
    selection_demo,
    offers_demo,
    programme_demo,
    participation_demo,
    community_demo,
    completion_demo,
    mail_demo,
    reports_demo,
    privacy_demo,
]


@dataclass
class DemoContext:
    rng: random.Random
    now: object
    stdout: object
    editions: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def say(self, text):
        self.stdout.write(f"  {text}")


class Command(BaseCommand):
    help = "Seed the demo academy: the 2022 edition from the call, an edition whose call is open now, the registry."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="Random seed; the same seed gives the same data.")
        parser.add_argument("--reset", action="store_true", help="Empty the database first, then seed.")

    def handle(self, *args, seed, reset, **options):
        if reset:
            call_command("flush", interactive=False, verbosity=0)
            # flush also empties reference data that a migration loaded: load it again
            import_module("academy.registry.migrations.0002_industrial_ecosystems").add(apps, None)
        if Academy.objects.filter(slug=editions_demo.ACADEMY_SLUG).exists():
            self.stdout.write("The demo is seeded already; `academy seed --reset` starts it over.")
            return
        ctx = DemoContext(rng=random.Random(seed), now=timezone.now(), stdout=self.stdout)
        self.stdout.write(f"Seeding the demo academy (seed {seed}) …")
        with transaction.atomic():
            for step in STEPS:
                step.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo ready."))
