"""A confirmed raadsbesluit records the raad's decision, never the college's."""

import pytest
from tests.documents.helpers import MEMO_2012

from regiokompas.publications import services
from regiokompas.register import services as rs
from regiokompas.register.models import Decision, Gate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind, body", [("raadsbesluit", "raad"), ("collegebesluit", "college"), ("memo", "raad")])
def test_the_document_kind_names_the_body(users, m, kind, body):
    from tests.register.helpers import new_trajectory

    trajectory, _ = new_trajectory("import-organen", municipalities=[m["bergen"], m["alkmaar"]], gates=0)
    gate = rs.save_gate("test", Gate(trajectory=trajectory, ordinal=1, title="Besluit", bodies=["college", "raad"], source="test"))
    record = services.start_import("test", MEMO_2012.read_bytes(), MEMO_2012.name)
    record.result = dict(record.result, kind=kind)
    record.save(update_fields=["result"])
    bergen = [i for i, d in enumerate(record.result["decisions"]) if d["municipality"]["code"] == "GM0373"][:1]
    services.confirm_import(users["bergen"], record, gate=gate, decisions=bergen)
    assert Decision.objects.get(gate=gate, municipality=m["bergen"]).governing_body.kind == body
