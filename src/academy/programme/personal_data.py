"""Programme: coach and expert profiles, attendance, personal calendar addresses. Attendance stays
with the anonymised application (attendance rates), without the name and address a report carried."""

from django.db.models import Q

from academy.core.personal_data import iso, remove_files, section

from .models import Attendance, CalendarToken, Coach

data = section("programme", label="Programme and attendance", order=40, models=[Coach, Attendance, CalendarToken])


@data.export
def export(user):
    coaches = Coach.objects.filter(Q(user=user) | Q(email__iexact=user.email)).select_related("edition")
    attendance = Attendance.objects.filter(application__applicant=user).select_related("session__edition")
    return {
        "coach_profiles": [
            {
                "edition": c.edition.name,
                "kind": c.kind,
                "name": c.name,
                "email": c.email,
                "title": c.title,
                "bio": c.bio,
                "photo": bool(c.photo),
            }
            for c in coaches
        ],
        "attendance": [
            {
                "edition": a.session.edition.name,
                "session": a.session.title,
                "starts_at": iso(a.session.starts_at),
                "present": a.present,
                "minutes": a.minutes,
                "camera_on": a.camera_on,
                "camera_minutes": a.camera_minutes,
                "name_in_report": a.imported_name,
                "email_in_report": a.imported_email,
            }
            for a in attendance.order_by("session__starts_at")
        ],
        "calendar_addresses": [
            {"edition": t.edition.name, "created": iso(t.created_at)}
            for t in CalendarToken.objects.filter(user=user).select_related("edition")
        ],
    }


@data.erase
def erase(subject):
    coaches = Coach.objects.filter(Q(user=subject.user) | Q(email__iexact=subject.email))
    remove_files([c.photo.name for c in coaches if c.photo])
    coaches.delete()
    CalendarToken.objects.filter(user=subject.user).delete()
    Attendance.objects.filter(application__applicant=subject.user).update(imported_name="", imported_email="")


@data.purge
def purge(applications):
    Attendance.objects.filter(application__in=applications).update(imported_name="", imported_email="")
