"""The state of a background task in the REST API: GET /api/v1/taken/<id> (Dutch field names), the
same answer as the status page's JSON, for the user who started the task only (others: 404)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from regiokompas.accounts import permissions
from regiokompas.api.views import ApiMixin
from regiokompas.jobs.models import Job
from regiokompas.jobs.views import KIND_API, STATUS_API, status_of


class Taak(serializers.Serializer):
    id = serializers.UUIDField()
    soort = serializers.ChoiceField(choices=sorted(KIND_API.values()))
    titel = serializers.CharField()
    status = serializers.ChoiceField(choices=list(STATUS_API.values()))
    klaar = serializers.BooleanField(help_text="De taak is klaar of mislukt; er verandert niets meer.")
    toelichting = serializers.CharField(help_text="De status in een zin.")
    stap = serializers.CharField(help_text="Wat de taak nu doet, of wat zij deed.")
    voortgang = serializers.IntegerField(allow_null=True, help_text="Procent, als de taak dat kan melden.")
    melding = serializers.CharField(help_text="Waarom de taak mislukte (Nederlands); leeg als zij niet mislukte.")
    resultaat = serializers.CharField(help_text="Adres van het resultaat of de download zodra de taak klaar is; anders leeg.")
    aangemaakt = serializers.DateTimeField()
    gestart = serializers.DateTimeField(allow_null=True)
    afgerond = serializers.DateTimeField(allow_null=True)


@extend_schema(summary="Eén achtergrondtaak", description="De toestand van een analyse, rapport, document, "
               "kostensimulatie of ingelezen bestand dat op de achtergrond wordt gemaakt; alleen voor wie de taak startte.",
               responses=Taak)
class TaakDetail(ApiMixin, generics.GenericAPIView):
    serializer_class = Taak

    def get(self, request, pk):
        job = Job.objects.select_related("trajectory").filter(pk=pk).first()
        if job is None or not permissions.can_see_job(request.user, job):
            raise NotFound("Deze taak bestaat niet of is niet van u.")
        return Response(status_of(job))
