from django.contrib import admin

from .models import Attendance, CalendarToken, Coach, Session


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "part", "kind", "starts_at", "ends_at"]
    list_filter = ["edition", "part", "kind"]
    search_fields = ["title"]
    filter_horizontal = ["coaches"]


@admin.register(Coach)
class CoachAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "kind", "edition", "user"]
    list_filter = ["edition", "kind"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["application", "session", "present", "minutes", "camera_on", "source"]
    list_filter = ["session__edition", "source", "present"]
    raw_id_fields = ["application", "session", "updated_by"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "edition", "created_at"]
    raw_id_fields = ["user"]
    exclude = ["token"]
