from django.contrib import admin

from .models import ClusterOrganisation, Ecosystem, EligibleCountry, RegisteredPerson


@admin.register(Ecosystem)
class EcosystemAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


class RegisteredPersonInline(admin.TabularInline):
    model = RegisteredPerson
    extra = 0


@admin.register(ClusterOrganisation)
class ClusterOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "registry_id", "country", "label", "members_count"]
    list_filter = ["label", "country"]
    search_fields = ["name", "registry_id"]
    inlines = [RegisteredPersonInline]


@admin.register(RegisteredPerson)
class RegisteredPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation", "role", "verified"]
    list_filter = ["role", "verified"]
    search_fields = ["email", "name", "organisation__name"]
    list_select_related = ["organisation"]


@admin.register(EligibleCountry)
class EligibleCountryAdmin(admin.ModelAdmin):
    list_display = ["edition", "country", "group"]
    list_filter = ["edition", "group"]
