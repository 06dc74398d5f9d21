"""Nombre de parents (demandeur, conjoint) remplissant les conditions de l'ASPA."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aspa_nb_allocataires(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre d'allocataires possibles de l'ASPA dans le foyer"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return famille.sum(
            famille.members("aspa_eligibilite_individu", period), role=Famille.PARENT
        )
