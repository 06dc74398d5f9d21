"""Majoration pour isolement : parent seul avec enfant à charge ou femme enceinte seule, tant que le
plus jeune enfant a moins de 3 ans ou pendant 12 mois après l'isolement (CASF L262-9, R262-2).

Le parent isolé qui a droit à la majoration est dispensé de la condition d'études et de la
durée du titre de séjour (L262-4, 2° et 4°).
"""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_majore_eligibilite(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Parent isolé ou femme enceinte isolée ouvrant droit à la majoration"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period, parameters):
        majoration = parameters(period).rsa.majoration_isolement
        seul = famille.nb_persons(Famille.PARENT) == 1
        enceinte = famille.any(famille.members("enceinte", period), role=Famille.PARENT)
        enfant_i = famille.members("rsa_enfant_a_charge", period)
        jeune_enfant_i = enfant_i * (
            famille.members("age", period) < majoration.age_limite_benjamin
        )
        a_enfant = famille("rsa_nb_enfants", period) > 0
        a_jeune_enfant = famille.any(jeune_enfant_i)
        recent = famille("rsa_isolement_recent", period)
        return seul * (enceinte + a_enfant) * (enceinte + a_jeune_enfant + recent)
