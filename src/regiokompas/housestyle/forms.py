from __future__ import annotations

from django import forms

from regiokompas.documents import style as dstyle
from regiokompas.register.setup_forms import SetupForm


class HouseStyleForm(SetupForm):
    name = forms.CharField(label="Naam in documenten", required=False, max_length=dstyle.MAX_NAME_CHARS,
                           help_text="Zoals de organisatie zich in kop en briefhoofd noemt, bijvoorbeeld 'Gemeente Heiloo'. "
                                     "Leeg: de naam uit het register.")
    colour = forms.CharField(label="Huisstijlkleur", max_length=7, initial=dstyle.NEUTRAL_COLOUR,
                             help_text="Kleurcode van koppen en lijnen, bijvoorbeeld #1f4e79. De kleur moet op wit papier "
                                       "leesbaar zijn (contrast minimaal 4,5:1).")
    logo = forms.FileField(label="Logo", required=False,
                           help_text="PNG, JPEG, GIF of WebP; het logo komt boven aan elke pagina.")
    remove_logo = forms.BooleanField(label="Huidig logo verwijderen", required=False)
    address = forms.CharField(label="Adresblok", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=f"Eén regel per adresregel, ten hoogste {dstyle.MAX_ADDRESS_LINES} regels; "
                                        "komt onder aan elke pagina.")
    footer = forms.CharField(label="Voettekst", required=False, max_length=dstyle.MAX_FOOTER_CHARS,
                             help_text="Leeg: de soort en de titel van het document.")

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_logo:
            del self.fields["remove_logo"]
        self.fields["colour"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["logo"].widget.attrs.update({"accept": "image/png,image/jpeg,image/gif,image/webp"})

    def clean_colour(self):
        try:
            return dstyle.check_colour(self.cleaned_data["colour"])
        except dstyle.StyleError as exc:
            raise forms.ValidationError(exc.message) from None
