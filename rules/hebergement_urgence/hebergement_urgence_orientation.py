"""Toute personne sans abri en situation de détresse médicale, psychique ou sociale a accès, à tout
moment, à un hébergement d'urgence (CASF L345-2-2) : appeler le 115, géré par le SIAO (CASF
L345-2-4)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesStatutOccupationLogement


class hebergement_urgence_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = (
        "Sans abri ou sans solution pour la nuit : accès inconditionnel à l'hébergement d'urgence"
    )
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return (
            menage("sans_abri_ce_soir", period)
            + (
                menage("statut_occupation_logement", period)
                == TypesStatutOccupationLogement.sans_domicile
            )
        ) > 0
