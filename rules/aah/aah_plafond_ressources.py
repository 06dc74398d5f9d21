"""Plafond mensuel de ressources depuis la déconjugalisation : montant maximal de l'AAH majoré de
50 % par enfant à charge (CSS D821-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_plafond_ressources(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Plafond mensuel de ressources de l'AAH (calcul individuel)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039211076"

    def formula(individu, period, parameters):
        aah = parameters(period).aah
        return aah.montant * (
            1 + aah.plafond.majoration_par_enfant * individu.famille("aah_nb_enfants", period)
        )
