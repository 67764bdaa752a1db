"""The planning page in layers: the conclusion in plain Dutch first, the tables disclosed."""

import re

import pytest
from tests import fictitious_region

pytestmark = pytest.mark.django_db


def test_conclusion_first_and_tables_disclosed(client, users):
    region = fictitious_region.build()
    t = region["trajectory"]
    client.force_login(users["beheer"])
    html = client.get(f"/trajecten/{t.slug}/planning/?peildatum=2025-03-01").content.decode()
    main = html[html.index("<main"):]
    conclusion = main[main.index("Conclusie in het kort"):main.index("</section>", main.index("Conclusie in het kort"))]
    assert "Op de peildatum (1 maart 2025) is niets te laat en is er geen risico." in conclusion
    assert "Eerstvolgend: " in conclusion and "1 april 2025" in conclusion
    assert main.index("Conclusie in het kort") < main.index("<svg")
    assert "<table" not in re.sub(r"<details.*?</details>", "", main, flags=re.DOTALL)
    for word in fictitious_region.EXAMPLE_WORDS:
        assert word not in conclusion
