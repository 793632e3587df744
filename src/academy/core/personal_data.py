"""Where each app declares the personal data it holds: what a person's data download contains, how an
account deletion erases it, and how the retention purge clears an application.

Any app adds a module named `personal_data.py` (found automatically, so privacy imports no app):

    # academy/participation/personal_data.py
    from academy.core.personal_data import section

    data = section("participation", label="Homework, needs and surveys", models=[HandIn, ParticipantNeeds])

    @data.export
    def export(user):            # JSON-serialisable: what we hold about this person
        return {"hand_ins": [...]}

    @data.erase
    def erase(subject):          # account deletion: delete or anonymise everything of subject.user
        ...

    @data.purge
    def purge(applications):     # retention: clear what belongs to these (not selected) applications
        ...

    @data.preview
    def preview(applications):   # what purge would touch: [(label, count), ...]
        return [("hand-ins", HandIn.objects.filter(application__in=applications).count())]

All hooks run inside the one transaction of the deletion or purge, in the order of `order` (lower
first). `subject` keeps the person's e-mail address and name as they were before anything changed,
since the accounts section (order 100, last) anonymises the user row itself. `applications` are
model instances that still carry their applicant; the applications section (order 80) detaches
them from the person, so every section that looks people up through the application runs before it.

The helpers at the end (files removed after commit, free text scrubbed of a person's name and address)
are shared by those modules; the ones that need the user model live in `academy.accounts.anonymous`.
This module imports no app: privacy (which runs the hooks) and every app (which declares them) build on it.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction

from .plugins import PluginRegistry

REMOVED = "[removed]"

SECTIONS = PluginRegistry("personal_data", "personal-data section")


@dataclass(frozen=True)
class Subject:
    """The person being erased, as they were before the erasure started."""

    user: object
    email: str
    name: str

    @property
    def needles(self):
        """The strings that identify the person in free text."""
        return [value for value in (self.email, self.name) if value and len(value.strip()) >= 5]


@dataclass
class Section:
    key: str
    label: str
    order: int = 50
    models: list = field(default_factory=list)
    exporter: object = None
    eraser: object = None
    purger: object = None
    previewer: object = None

    def export(self, func):
        self.exporter = func
        return func

    def erase(self, func):
        self.eraser = func
        return func

    def purge(self, func):
        self.purger = func
        return func

    def clears_applications(self, func):
        """One function for both hooks when an app's data hangs off applications: `func(applications)` runs on
        the erased person's applications and on the purged ones alike."""
        self.eraser = lambda subject: func(subject.user.applications.all())
        self.purger = func
        return func

    def preview(self, func):
        self.previewer = func
        return func


def section(key, *, label, order=50, models=()):
    """Declare (or fetch again) the section `key`; its hooks are set with the decorators above."""
    return SECTIONS.declare_once(key, lambda: Section(key=key, label=str(label), order=order, models=list(models)))


def sections():
    """Every declared section, in the order their hooks run."""
    return sorted(SECTIONS.entries().values(), key=lambda s: (s.order, s.key))


def declared_models():
    """The models some section says it covers (a test checks every model pointing at a person is here)."""
    return {model for s in sections() for model in s.models}


def remove_files(paths):
    """Delete stored files once the transaction commits (a rollback keeps them)."""
    paths = sorted({p for p in paths if p})
    if not paths:
        return 0

    def delete():
        for path in paths:
            default_storage.delete(path)

    transaction.on_commit(delete)
    return len(paths)


def contains(value, needles):
    text = str(value).casefold()
    return any(n.casefold() in text for n in needles)


def scrub(value, needles):
    """`value` (JSON) with every string that contains one of `needles` replaced by REMOVED."""
    if isinstance(value, dict):
        return {k: scrub(v, needles) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, needles) for v in value]
    if isinstance(value, str) and contains(value, needles):
        return REMOVED
    return value


def iso(moment):
    """A date or time for an export (None stays None)."""
    return moment.isoformat() if moment else None
