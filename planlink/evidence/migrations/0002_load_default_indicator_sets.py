"""Load the shipped indicator sets: จปฐ. 2560-2564 (JPT60, 31 indicators) and กชช.๒ค (KCH60).

Provenance: ``planlink/evidence/data/SOURCES.md``. The same files are loaded by
``planlink.evidence.services.indicators.load_default_indicators()`` (idempotent).
"""

from django.db import migrations


def load(apps, schema_editor):
    from planlink.evidence.indicator_files import DEFAULT_INDICATOR_FILES, read_indicator_file

    indicator_set_model = apps.get_model("evidence", "IndicatorSet")
    indicator_model = apps.get_model("evidence", "Indicator")
    for path in DEFAULT_INDICATOR_FILES:
        parsed = read_indicator_file(path)
        indicator_set_model.objects.update_or_create(
            code=parsed.code,
            defaults={
                "kind": parsed.kind,
                "name_th": parsed.name_th,
                "edition": parsed.edition,
                "source": parsed.source,
            },
        )
        for row in parsed.indicators:
            indicator_model.objects.update_or_create(
                code=row.code,
                defaults={
                    "indicator_set_id": parsed.code,
                    "number": row.number,
                    "category_no": row.category_no,
                    "category_th": row.category_th,
                    "category_en": row.category_en,
                    "title_th": row.title_th,
                    "title_en": row.title_en,
                    "criterion": row.criterion,
                    "source": row.source,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_indicator_sets_surveys_and_aggregates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
