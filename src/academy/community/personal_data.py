"""Community: a directory entry (what the person chose to share) and the alumni follow-up. The entry is
deleted; the follow-up keeps its numbers for the edition's totals and loses its text."""

from academy.core.personal_data import REMOVED, section

from .models import DirectoryEntry, FollowUpAnswer

data = section("community", label="Directory and alumni follow-up", order=48, models=[DirectoryEntry, FollowUpAnswer])


@data.export
def export(user):
    entries = DirectoryEntry.objects.filter(application__applicant=user).select_related("application__edition")
    answers = FollowUpAnswer.objects.filter(application__applicant=user).select_related("application__edition")
    return {
        "directory": [
            {
                "edition": e.application.edition.name,
                "shared": e.shared_fields,
                "bio": e.bio,
                "link": e.link,
                "phone": e.phone,
            }
            for e in entries
        ],
        "alumni_follow_up": [
            {
                "edition": a.application.edition.name,
                "trainings_given": a.trainings_given,
                "people_reached": a.people_reached,
                "services_launched": a.services_launched,
                "story": a.story,
            }
            for a in answers
        ],
    }


@data.clears_applications
def clear(applications):
    DirectoryEntry.objects.filter(application__in=applications).delete()
    FollowUpAnswer.objects.filter(application__in=applications).exclude(story="").update(story=REMOVED)
