"""Two users recording the first decision for the same gate, municipality and body at the same
moment: one is recorded, the other gets the same Dutch message as when two users supersede the
same decision; never a server error, never a constraint name."""

import datetime as dt
import threading

import pytest
from tests.integrity import webclient
from tests.integrity.support import TIMEOUT

TECHNICAL = ("one_current_decision_per_body", "IntegrityError", "Constraint", "Beperking", "constraint", "UNIQUE")
MESSAGE_PART = "intussen al een besluit vastgelegd"


# --- sequential, in this process (SQLite and PostgreSQL) ---------------------------------------------


@pytest.mark.django_db
def test_every_clash_on_the_current_decision_gets_the_same_dutch_message(m, users):
    from tests.register.helpers import database_counts, new_trajectory

    from regiokompas.register import constants as c
    from regiokompas.register import services as s

    _t, (gate, _) = new_trajectory(municipalities=[m["bergen"]])
    first = s.record_decision(users["bergen"], s.DecisionInput(gate=gate, municipality=m["bergen"], outcome=c.Outcome.HOLD,
                                                                date=dt.date(2024, 1, 5)))
    counts = database_counts()
    # a second first decision (what the loser of a race sees once the winner has committed)
    with pytest.raises(s.RegisterError) as second_first:
        s.record_decision(users["griffier-bergen"], s.DecisionInput(gate=gate, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                                     date=dt.date(2024, 1, 6)))
    # a decision written past the check (the check ran before the winner committed): validation or
    # the database constraint refuses it, in the same words
    with pytest.raises(s.RegisterError) as past_check:
        s._create_decision(users["bergen"], s.DecisionInput(gate=gate, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                             date=dt.date(2024, 1, 6)), first.governing_body, supersedes=None, reason="")
    assert database_counts() == counts
    # two users superseding the same decision: the second finds it already superseded
    s.supersede_decision(users["bergen"], first, s.DecisionInput(gate=gate, municipality=m["bergen"], outcome=c.Outcome.AGREE,
                                                                  date=dt.date(2024, 2, 1)), reason="besloten", kind=c.SupersedeKind.NEW_DECISION)
    counts = database_counts()
    with pytest.raises(s.RegisterError) as supersede_race:
        s.supersede_decision(users["griffier-bergen"], first, s.DecisionInput(gate=gate, municipality=m["bergen"], outcome=c.Outcome.REJECT,
                                                                              date=dt.date(2024, 2, 1)), reason="besloten")
    assert database_counts() == counts
    messages = [e.value.message for e in (second_first, past_check, supersede_race)]
    assert MESSAGE_PART in messages[0]
    assert messages[0] == messages[1]
    # the same message, with the decision that is current now
    assert messages[2] == messages[0].replace("(aangehouden)", "(ingestemd)")
    for message in messages:
        assert not any(word in message for word in TECHNICAL), message


@pytest.mark.django_db
def test_a_database_constraint_is_never_named_in_a_message(m):
    """Validation of a model constraint without a message of its own gives a Dutch sentence."""
    from regiokompas.register import constants as c
    from regiokompas.register import services as s
    from regiokompas.register.models import Decision

    current = Decision.objects.filter(is_current=True).select_related("gate", "municipality", "governing_body").first()
    duplicate = Decision(gate=current.gate, municipality=current.municipality, governing_body=current.governing_body,
                         outcome=c.Outcome.REJECT, withdraws=True)
    with pytest.raises(s.RegisterError) as refused:
        s.validate(duplicate)
    assert "botst met een bestaand gegeven" in refused.value.message
    assert not any(word in refused.value.message for word in TECHNICAL), refused.value.message


# --- concurrent, against a running server (SQLite; PostgreSQL when configured) -------------------------


@pytest.mark.slow
def test_first_decision_race_over_http_gives_no_server_error(database):
    rounds = 8
    gates = database.scenario("create-gates", str(rounds))["gates"]
    port = webclient.free_port()
    server = database.start("-m", "regiokompas", "serve", "--host", "127.0.0.1", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        webclient.wait_until_serving(base, server)
        clients = {name: webclient.Client(base) for name in ("bergen", "griffier-bergen")}
        for client_name, client in clients.items():
            client.login(client_name)
        results: list[tuple[int, int, str]] = []
        for gate in gates:
            barrier = threading.Barrier(len(clients), timeout=TIMEOUT)

            def post(client, gate=gate, barrier=barrier):
                barrier.wait()
                status, body = client.record_decision(gate, "GM0373")
                results.append((gate, status, body))

            threads = [threading.Thread(target=post, args=(c,)) for c in clients.values()]
            for t in threads:
                t.start()
            for t in threads:
                t.join(TIMEOUT)
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert len(results) == 2 * rounds
    assert [status for _, status, _ in results if status >= 500] == []
    for gate in gates:
        statuses = sorted(status for g, status, _ in results if g == gate)
        assert statuses == [302, 400], (gate, statuses)
    for _, status, body in results:
        if status == 400:
            assert MESSAGE_PART in body
            assert not any(word in body for word in TECHNICAL)
    report = database.check()
    assert report["problems"] == []
