from django.contrib import admin

from .models import Academy, Edition


@admin.register(Academy)
class AcademyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "academy", "year", "call_opens", "application_deadline", "time_zone"]
    list_filter = ["academy", "year"]
    search_fields = ["name", "slug"]
