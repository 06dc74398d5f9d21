"""Plafond mensuel du calcul conjugalisé transitoire : majoré de 81 % pour un couple et de 50 % par
enfant à charge (CSS D821-2 dans sa rédaction antérieure au 1er octobre 2023)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class aah_plafond_ressources_conjugalise(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Plafond mensuel de ressources de l'AAH (calcul conjugalisé transitoire)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000039211076"

    def formula(individu, period, parameters):
        aah = parameters(period).aah
        en_couple = individu.famille.nb_persons(Famille.PARENT) > 1
        enfants = individu.famille("aah_nb_enfants", period)
        return aah.montant * (
            1
            + aah.plafond.majoration_couple * en_couple
            + aah.plafond.majoration_par_enfant * enfants
        )
