"""One way for apps to plug into a lower app: a registry whose entries each app declares in a module of its own.

The lower app owns the registry and names the module; every installed app that has a module of that name is
imported the first time someone reads the registry, so the lower app never imports the higher ones:

    # academy/core/scheduling.py: the owner
    JOBS = PluginRegistry("jobs", "scheduled job")

    def job(name):
        return JOBS.register(name)

    # academy/reviews/jobs.py: an app declaring its part
    @job("reviews.reviewer_reminders")
    def reviewer_reminders(now): ...

The registries of the project (see the README's "Layout"): jobs (`jobs.py`, core.scheduling), personal data
(`personal_data.py`, core.personal_data), cloning parts (`cloning.py`, editions.cloning) and mail recipient
groups (`mail_groups.py`, mail.groups).
"""

from django.utils.module_loading import autodiscover_modules

REGISTRIES = []  # every registry made, for the tests and the README


class PluginRegistry:
    """Entries (any value) under unique keys, declared by the apps' modules named `module`."""

    def __init__(self, module, what="entry"):
        self.module = module
        self.what = what
        self._entries = {}
        self._discovered = False
        REGISTRIES.append(self)

    def __repr__(self):
        return f"<PluginRegistry {self.module}: {len(self._entries)} {self.what}(s)>"

    def register(self, key, value=None):
        """Declare `value` under `key` and return it; without a value, a decorator declaring what it decorates.

        Declaring a key again replaces its entry (a module imported twice, a test's stand-in)."""
        if value is not None:
            self._entries[key] = value
            return value

        def decorator(func):
            self._entries[key] = func
            return func

        return decorator

    def declare_once(self, key, make):
        """The entry under `key`, made by `make()` and registered the first time only."""
        if key not in self._entries:
            self._entries[key] = make()
        return self._entries[key]

    def unregister(self, key):
        self._entries.pop(key, None)

    def discover(self):
        """Import every app's module named `module` once, so that their declarations have run."""
        if not self._discovered:
            self._discovered = True  # first, so that a module reading the registry as it loads does not recurse
            try:
                autodiscover_modules(self.module)
            except BaseException:
                self._discovered = False
                raise

    def entries(self):
        """{key: entry} of every app, in the order they were declared."""
        self.discover()
        return dict(self._entries)

    def get(self, key):
        """The entry under `key`; KeyError naming the known keys if there is none."""
        self.discover()
        try:
            return self._entries[key]
        except KeyError:
            known = ", ".join(sorted(self._entries)) or "none"
            raise KeyError(f"No {self.what} {key!r}. Known: {known}.") from None

    def __contains__(self, key):
        self.discover()
        return key in self._entries
