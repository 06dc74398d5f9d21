"""ASPA due au foyer comptée dans les ressources de la CSS, après l'abattement mensuel fixé par
arrêté : 71 € pour une personne seule, 110 € pour un couple dont l'un ou les deux conjoints sont
allocataires (CSS L861-2, R861-4)."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille


class css_ressources_aspa(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "ASPA mensuelle comptée dans les ressources de la CSS, après abattement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        abattement = parameters(period).css.abattement_aspa
        couple = famille.nb_persons(Famille.PARENT) > 1
        retenu = where(couple, abattement.couple, abattement.personne_seule)
        return max_(0, famille("aspa", period) - retenu)
