from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Ecosystem(models.Model):
    """One of the 14 industrial ecosystems of the EU industrial strategy."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("industrial ecosystem")
        verbose_name_plural = _("industrial ecosystems")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Label(models.TextChoices):
    NONE = "", _("No label")
    BRONZE = "bronze", _("ESCA Bronze")
    SILVER = "silver", _("ESCA Silver")
    GOLD = "gold", _("ESCA Gold")


class ClusterOrganisation(models.Model):
    registry_id = models.CharField(_("registry id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    ecosystems = models.ManyToManyField(Ecosystem, blank=True, related_name="organisations")
    members_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=10, choices=Label.choices, blank=True)
    label_valid_until = models.DateField(_("label valid until"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cluster organisation")
        verbose_name_plural = _("cluster organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["country"])]

    def __str__(self):
        return self.name


class RegistryRole(models.TextChoices):
    MANAGER = "manager", _("Manager in charge")
    STAFF = "staff", _("Staff")


class RegisteredPerson(models.Model):
    """A person registered on the cluster registry for one organisation."""

    organisation = models.ForeignKey(ClusterOrganisation, on_delete=models.CASCADE, related_name="people")
    email = models.EmailField(_("e-mail address"), db_index=True)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=10, choices=RegistryRole.choices)
    verified = models.BooleanField(_("verified"), default=False)

    class Meta:
        verbose_name = _("registered person")
        verbose_name_plural = _("registered people")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "email"], name="unique_person_per_organisation")]
        # what people_with_email() matches on: a case-insensitive look-up that SQLite and PostgreSQL answer from
        # an index instead of reading every person (bulk inserts, such as the registry import, skip save())
        indexes = [models.Index(Lower("email"), name="registry_person_email_lower")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)

    @property
    def role_label(self):
        """The role's name, as get_role_display() gives it without building a dict of every choice per call."""
        return RegistryRole(self.role).label


class CountryGroup(models.TextChoices):
    EU = "eu", _("EU member state")
    COSME = "cosme", _("Associated to the COSME strand of the Single Market Programme")


class EligibleCountry(models.Model):
    """A country whose cluster organisations may apply to one edition; the list changes with associations."""

    edition = models.ForeignKey("editions.Edition", on_delete=models.CASCADE, related_name="eligible_countries")
    country = CountryField(_("country"))
    group = models.CharField(_("group"), max_length=10, choices=CountryGroup.choices)

    class Meta:
        verbose_name = _("eligible country")
        verbose_name_plural = _("eligible countries")
        ordering = ["group", "country"]
        constraints = [models.UniqueConstraint(fields=["edition", "country"], name="unique_eligible_country")]

    def __str__(self):
        return f"{self.country.name} ({self.get_group_display()})"
