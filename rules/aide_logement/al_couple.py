"""Couple au sens des aides au logement : deux parents dans la famille (barème
« couple » de l'arrêté du 27 septembre 2019, art. 7)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class al_couple(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Couple pour le calcul des aides au logement"
    reference = "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000039160329"

    def formula(famille, period):
        return famille.nb_persons(Famille.PARENT) > 1
