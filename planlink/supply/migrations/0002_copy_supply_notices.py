"""Copy the simulator's consolidation.SupplyNotice rows into supply.SupplyItem (data kept).

A notice matched to a referral becomes a confirmed item whose funding is that referral;
an unmatched one is "funded without a recorded request". Reversible: the copies go.
"""

from django.db import migrations

_LEVELS = {2: "province", 4: "district", 6: "tambon", 8: "village"}


def copy_notices(apps, schema_editor):
    try:
        Notice = apps.get_model("consolidation", "SupplyNotice")
    except LookupError:
        return
    Item = apps.get_model("supply", "SupplyItem")
    Referral = apps.get_model("referrals", "Referral")
    batch = []
    for notice in Notice.objects.all().iterator(chunk_size=2000):
        project_id = None
        if notice.matched_referral_id:
            project_id = (
                Referral.objects.filter(pk=notice.matched_referral_id)
                .values_list("project_id", flat=True)
                .first()
            )
        code = notice.area_code or ""
        batch.append(
            Item(
                source="agency-notice",
                key=f"notice:{notice.pk}",
                cycle_id=notice.cycle_id,
                title=notice.title,
                amount=notice.amount,
                agency_id=notice.agency_id,
                province_code=(code or notice.province_id or "")[:2],
                area_code=code or notice.province_id or "",
                location_level=_LEVELS.get(len(code or notice.province_id or ""), "none"),
                location_text="รหัสพื้นที่ในประกาศ",
                location_via="code",
                state="confirmed" if project_id else "unmatched",
                matched_project_id=project_id,
                funded_referral_id=notice.matched_referral_id,
                match_score=notice.match_score,
                match_reason=notice.match_reason,
                synthetic=notice.synthetic,
            )
        )
        if len(batch) >= 2000:
            Item.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Item.objects.bulk_create(batch, ignore_conflicts=True)


def drop_copies(apps, schema_editor):
    Item = apps.get_model("supply", "SupplyItem")
    Item.objects.filter(key__startswith="notice:").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("supply", "0001_initial"),
        ("consolidation", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_notices, drop_copies)]
