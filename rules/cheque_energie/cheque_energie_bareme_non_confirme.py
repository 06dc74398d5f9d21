"""Le barème de la campagne n'est pas confirmé par un texte publié que nous avons pu lire : depuis
la réforme de la loi de finances pour 2025 (C. énergie L124-1), la presse cite un plafond de
11 000 €/UC que nous n'avons trouvé dans aucun arrêté ; le montant reste calculé avec le barème
de l'arrêté du 24 février 2021 et le verdict n'est jamais « probable »."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Menage


class cheque_energie_bareme_non_confirme(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Barème du chèque énergie de la campagne non confirmé par un texte publié"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031057544"

    def formula(menage, period, parameters):
        confirme = parameters(period.this_year).cheque_energie.bareme_confirme
        return not_(confirme) * (menage.nb_persons() > 0)
