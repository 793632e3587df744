from django.db import migrations

ECOSYSTEMS = [
    ("aerospace-defence", "Aerospace & Defence"),
    ("agri-food", "Agri-food"),
    ("construction", "Construction"),
    ("cultural-creative", "Cultural and Creative Industries"),
    ("digital", "Digital"),
    ("electronics", "Electronics"),
    ("energy-intensive", "Energy-Intensive Industries"),
    ("renewable-energy", "Energy – Renewables"),
    ("health", "Health"),
    ("mobility-transport-automotive", "Mobility – Transport – Automotive"),
    ("proximity-social-economy", "Proximity, Social Economy and Civil Security"),
    ("retail", "Retail"),
    ("textile", "Textile"),
    ("tourism", "Tourism"),
]


def add(apps, schema_editor):
    Ecosystem = apps.get_model("registry", "Ecosystem")
    for slug, name in ECOSYSTEMS:
        Ecosystem.objects.update_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
