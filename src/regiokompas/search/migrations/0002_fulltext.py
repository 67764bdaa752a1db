from django.db import migrations

from regiokompas.search import database


class Migration(migrations.Migration):
    """SQLite: the FTS5 table over the entries, kept in step by triggers. PostgreSQL: a GIN index on
    the stored 'dutch' vector. (What an existing database holds is indexed after migrate.)"""

    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(database.install, database.remove)]
