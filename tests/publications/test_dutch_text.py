"""Enumerations and number agreement in generated Dutch text."""

from regiokompas import dutch


def test_enumerations():
    assert dutch.enumerate_nl([]) == ""
    assert dutch.enumerate_nl(["Texel"]) == "Texel"
    assert dutch.enumerate_nl(["Texel", "Vlieland"]) == "Texel en Vlieland"
    assert dutch.enumerate_nl(["Texel", "Vlieland", "Terschelling"]) == "Texel, Vlieland en Terschelling"
    assert dutch.enumerate_nl(["Texel", "Vlieland"], "of") == "Texel of Vlieland"


def test_number_agreement():
    assert dutch.count(1, "groep", "groepen") == "1 groep" and dutch.count(0, "groep", "groepen") == "0 groepen"
    assert dutch.verb(1, "gaat", "gaan") == "gaat" and dutch.verb(3, "gaat", "gaan") == "gaan"
    assert dutch.municipalities(["Texel"]) == "de gemeente Texel"
    assert dutch.municipalities(["Texel", "Vlieland"], article=False) == "gemeenten Texel en Vlieland"
    assert dutch.municipalities([]) == ""
