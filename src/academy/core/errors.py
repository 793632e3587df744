"""The one error base of the academy: a `Refused` is an action the rules refuse, with the reason in the words
of the person who asked (`message`) and the HTTP status a page answers with (`status`, 403 unless a subclass
or the raiser says otherwise). Every app's refusal (a closed call, a locked rubric, an unreadable file, ...) is
a subclass. A view that can say more keeps catching its own subclass (a form message, a 422 with what was typed);
any other Refused that leaves a view is answered by `core.middleware.RefusalMiddleware` with the site's refusal
page, so views need no try/except only to show the reason."""

from django.utils.translation import gettext_lazy as _

DEFAULT_MESSAGE = _("This cannot be done.")


class Refused(Exception):
    status = 403

    def __init__(self, message="", *, status=None):
        super().__init__(message)
        self.message = message or DEFAULT_MESSAGE
        if status is not None:
            self.status = status

    def __str__(self):
        return str(self.message)
