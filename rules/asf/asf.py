"""Allocation de soutien familial (CSS L523-1, R523-7) : parent seul qui élève un enfant privé de
l'aide de l'autre parent ; 42,2 % de la BMAF par enfant, diminués de la pension déduite
(``asf_pension_deduite``) : rien si la pension est impayée ou n'est pas fixée (ASF entière, versée
à titre d'avance et recouvrée par la CAF si une pension est fixée, L581-2), la somme versée si elle
est payée en partie (allocation différentielle d'avance, L581-2), le montant fixé s'il est payé
intégralement (ASF différentielle, L523-1, I, 4°) ; non versée sous 15 € (D523-3)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class asf(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation de soutien familial"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046498993"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        seul = famille.nb_persons(Famille.PARENT) == 1
        enfants = famille("af_nbenf", period)
        pension = famille("asf_pension_deduite", period)
        montant = seul * max_(enfants * pf.bmaf * pf.asf.taux_un_parent - pension, 0)
        return montant * (montant >= pf.asf.montant_minimum_verse)
