"""La personne ne peut plus pourvoir seule à ses intérêts (budget, papiers, démarches) : condition
d'une mesure de protection (C. civ. art. 425, 428)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class protection_majeur_besoin(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Ne peut plus gérer seule son budget et ses démarches"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006427437"

    def formula(individu, period):
        return individu("difficulte_gestion_budget", period)
