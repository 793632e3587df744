"""Personal data in the tables of the frameworks we use: allauth's e-mail addresses and the admin's
change log. (Sessions need nothing: anonymising the user makes their password unusable, which ends
every session of theirs; expired sessions are cleared by `clearsessions`.)"""

from allauth.account.models import EmailAddress, EmailConfirmation
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from academy.core.personal_data import REMOVED, contains, section

data = section("sign_in", label="Sign-in addresses", order=90, models=[EmailAddress, LogEntry])


@data.export
def export(user):
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary} for a in EmailAddress.objects.filter(user=user)
    ]


@data.erase
def erase(subject):
    user = subject.user
    EmailConfirmation.objects.filter(email_address__user=user).delete()
    EmailAddress.objects.filter(Q(user=user) | Q(email__iexact=subject.email)).delete()
    user_type = ContentType.objects.get_for_model(get_user_model())
    entries = LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk))
    entries.update(object_repr=REMOVED, change_message="")
    for entry in LogEntry.objects.filter(object_repr__icontains=subject.email):
        if contains(entry.object_repr, subject.needles):
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=REMOVED)
