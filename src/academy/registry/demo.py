"""A demo cluster registry: ~1,500 organisations, mostly in eligible countries, a few outside."""

from academy.accounts.demo import DOMAIN

from .models import ClusterOrganisation, Ecosystem, Label, RegisteredPerson, RegistryRole
from .reference import COSME_ASSOCIATED_2022, EU_MEMBER_STATES
from .services import set_default_eligible_countries

ORGANISATIONS = 1500
NOT_ELIGIBLE = ["CH", "NO", "GB", "US", "CA", "JP", "IL"]
FIRST = [
    "Ana",
    "Jonas",
    "Maria",
    "Piotr",
    "Eva",
    "Luca",
    "Sofia",
    "Mikael",
    "Ines",
    "Tomas",
    "Elena",
    "Jan",
    "Nora",
    "Marek",
    "Clara",
    "Andrei",
    "Lea",
    "Nikos",
    "Sara",
    "Pavel",
    "Irena",
    "Hugo",
    "Aino",
    "Mateo",
    "Zeynep",
    "Arben",
    "Milica",
    "Oksana",
    "Giorgos",
    "Katrin",
]
LAST = [
    "Silva",
    "Novak",
    "Kowalski",
    "Rossi",
    "Müller",
    "Dubois",
    "Horvat",
    "Nielsen",
    "Papadopoulos",
    "Ivanova",
    "García",
    "Jansen",
    "Popescu",
    "Virtanen",
    "Kovač",
    "Yılmaz",
    "Hoxha",
    "Petrović",
    "Bondarenko",
    "Schmidt",
    "Martin",
    "Lindqvist",
    "Costa",
    "Nagy",
    "Berzins",
]
THEMES = [
    "Innovation",
    "Tech",
    "Green",
    "Smart",
    "Bio",
    "Food",
    "Mobility",
    "Digital",
    "Energy",
    "Health",
    "Creative",
    "Textile",
    "Tourism",
    "Aero",
    "Build",
    "Water",
    "Photonics",
    "Maritime",
    "Wood",
    "Metal",
]
REGIONS = ["North", "South", "East", "West", "Central", "Capital", "Coastal", "Alpine", "Valley", "Lakes"]


def _email(first, last, org_number):
    local = f"{first}.{last}".lower().translate(str.maketrans("üçğışöéèáíóúřčžšćđ", "ucgisoeeaiourczscd"))
    return f"{local}.{org_number}@cluster{org_number}.example"


def seed(ctx):
    rng = ctx.rng
    ecosystems = list(Ecosystem.objects.all())
    countries = EU_MEMBER_STATES * 4 + COSME_ASSOCIATED_2022 + NOT_ELIGIBLE
    orgs = []
    for n in range(1, ORGANISATIONS + 1):
        country = rng.choice(countries)
        label = rng.choices([Label.NONE, Label.BRONZE, Label.SILVER, Label.GOLD], [55, 25, 14, 6])[0]
        orgs.append(
            ClusterOrganisation(
                registry_id=f"ECCP-{n:05d}",
                name=f"{rng.choice(REGIONS)} {rng.choice(THEMES)} Cluster {country} {n}",
                country=country,
                region=f"{rng.choice(REGIONS)} region",
                website=f"https://cluster{n}.example",
                members_count=rng.randint(12, 600),
                label=label,
                label_valid_until=ctx.now.date().replace(year=ctx.now.year + rng.randint(0, 2)) if label else None,
            )
        )
    ClusterOrganisation.objects.bulk_create(orgs, batch_size=500)
    orgs = list(ClusterOrganisation.objects.order_by("pk"))
    through = ClusterOrganisation.ecosystems.through
    through.objects.bulk_create(
        [
            through(clusterorganisation=org, ecosystem=eco)
            for org in orgs
            for eco in rng.sample(ecosystems, rng.choice([1, 1, 2, 2, 3]))
        ],
        batch_size=2000,
    )
    people = []
    for n, org in enumerate(orgs, 1):
        roles = [RegistryRole.MANAGER] + [RegistryRole.STAFF] * rng.choice([0, 0, 1, 2])
        for role in roles:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            people.append(
                RegisteredPerson(
                    organisation=org,
                    email=_email(first, last, n)
                    if role == RegistryRole.MANAGER
                    else _email(first, last, n).replace("@", f".{len(people)}@"),
                    name=f"{first} {last}",
                    role=role,
                    verified=rng.random() < 0.9,
                )
            )
    RegisteredPerson.objects.bulk_create(people, batch_size=1000)

    def demo_org(registry_id, name, country, eco_slugs):
        org = ClusterOrganisation.objects.create(
            registry_id=registry_id,
            name=name,
            country=country,
            region="Demo region",
            website="https://demo-cluster.example",
            members_count=140,
            label=Label.SILVER,
        )
        org.ecosystems.set(Ecosystem.objects.filter(slug__in=eco_slugs))
        return org

    lisbon = demo_org("ECCP-DEMO-1", "Lisbon Digital Health Cluster", "PT", ["digital", "health"])
    RegisteredPerson.objects.create(
        organisation=lisbon,
        email=f"applicant@{DOMAIN}",
        name="Ana Applicant",
        role=RegistryRole.MANAGER,
        verified=True,
    )
    malmo = demo_org("ECCP-DEMO-2", "Malmö Food Innovation Cluster", "SE", ["agri-food"])
    RegisteredPerson.objects.create(
        organisation=malmo, email=f"staff@{DOMAIN}", name="Sven Staff", role=RegistryRole.STAFF, verified=True
    )
    basel = demo_org("ECCP-DEMO-3", "Basel Life Sciences Cluster", "CH", ["health"])
    RegisteredPerson.objects.create(
        organisation=basel,
        email=f"outsider@{DOMAIN}",
        name="Otto Outsider",
        role=RegistryRole.MANAGER,
        verified=True,
    )
    for edition in ctx.editions.values():
        set_default_eligible_countries(edition)
    ctx.say(
        f"registry: {len(orgs) + 3} organisations, {len(people) + 3} registered people; "
        f"38 eligible countries per edition"
    )
