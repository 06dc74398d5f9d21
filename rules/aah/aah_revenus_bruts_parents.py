"""Ressources sans abattement des parents de la famille (demandeur et conjoint), pour le calcul
conjugalisé transitoire de l'AAH."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aah_revenus_bruts_parents(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources mensuelles sans abattement du demandeur et du conjoint (AAH conjugalisée)"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045038484"

    def formula(famille, period):
        return famille.sum(famille.members("aah_revenus_bruts", period), role=Famille.PARENT)
