"""Signes qu'une altération des facultés mentales ou corporelles empêche peut-être la personne de
pourvoir seule à ses intérêts : désorientation, mise en danger, gestion du budget impossible (C.
civ. art. 425)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class protection_majeur_signes_alteration(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Signes d'altération des facultés (désorientation, mise en danger, budget non géré)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006427437"

    def formula(individu, period):
        return (
            individu("desorientation", period)
            + individu("risque_securite_domicile", period)
            + individu("difficulte_gestion_budget", period)
        )
