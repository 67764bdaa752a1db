"""The regio Alkmaar example: two dossier files in the documented format (docs/dossier-format.md),
loaded by the same import as ``regiokompas import-dossier`` (see :mod:`regiokompas.examples.loader`
and README.md in this folder)."""

SLUG_2012 = "alkmaar-sociale-zaken-2012"
SLUG_2019 = "alkmaar-participatiewet-2019"
EXAMPLE_SLUGS = (SLUG_2012, SLUG_2019)

# Loaded in this order: the second reuses the reference data (municipalities, organisations,
# arrangements) of the first by natural key.
DOSSIER_FILES = ("regio-alkmaar-2012.dossier.json", "regio-alkmaar-2019.dossier.json")
