import django.db.models.deletion
from django.db import migrations, models


def create_full_text_index(apps, schema_editor):
    """PostgreSQL: a tsvector column with a GIN index. SQLite: an FTS5 table keyed by the document's id."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument ADD COLUMN vector tsvector")
        schema_editor.execute("CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)")
    else:
        schema_editor.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
                              "title, body, tokenize = 'unicode61 remove_diacritics 2')")


def drop_full_text_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("bill", "Bills"), ("text", "Bill texts"), ("person", "People"),
                                                   ("body", "Bodies"), ("activity", "Activities"),
                                                   ("press", "Press releases")],
                                          max_length=12, verbose_name="kind")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="record")),
                ("url_name", models.CharField(max_length=80, verbose_name="page")),
                ("url_args", models.JSONField(default=list, verbose_name="page arguments")),
                ("texts", models.JSONField(default=dict, verbose_name="texts")),
                ("digest", models.CharField(max_length=64, verbose_name="digest")),
                ("stage", models.CharField(blank=True, db_index=True, max_length=60, verbose_name="stage")),
                ("date", models.DateField(blank=True, db_index=True, null=True, verbose_name="date")),
                ("changed_at", models.DateTimeField(db_index=True, verbose_name="changed")),
                ("public_from", models.DateTimeField(blank=True, null=True, verbose_name="public from")),
                ("committee", models.ForeignKey(blank=True, null=True,
                                                on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                                to="people.organization", verbose_name="committee")),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"),
                                                        name="unique_search_document")],
            },
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index),
    ]
