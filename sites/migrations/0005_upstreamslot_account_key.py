"""Key bulk upstream slots by Rocket.net account instead of by connection.

Slot rows are recreated on demand by sites.bulk.slots, so existing rows are deleted rather than
converted. A worker that holds a slot during the migration keeps running its item, so the cap may
be exceeded until that item ends. The delete runs first in both directions, so the columns of an
empty table change and the NOT NULL column added in either direction needs no value.
"""

from django.db import migrations, models


def delete_slots(apps, schema_editor):
    apps.get_model("sites", "UpstreamSlot").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('sites', '0004_bulk_jobs'),
    ]

    operations = [
        migrations.RunPython(delete_slots, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='upstreamslot',
            name='upstreamslot_unique_connection_number',
        ),
        migrations.RemoveField(
            model_name='upstreamslot',
            name='connection',
        ),
        migrations.AddField(
            model_name='upstreamslot',
            name='account_key',
            field=models.CharField(default='', max_length=64),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name='upstreamslot',
            constraint=models.UniqueConstraint(fields=('account_key', 'number'), name='upstreamslot_unique_account_number'),
        ),
        migrations.RunPython(migrations.RunPython.noop, delete_slots),
    ]
