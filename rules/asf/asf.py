"""Allocation de soutien familial (CSS L523-1, R523-7) : parent seul qui élève un enfant privé de
l'aide de l'autre parent (pension alimentaire non fixée, non payée ou inférieure à l'ASF) ;
42,2 % de la BMAF par enfant, diminués de la pension alimentaire effectivement reçue (ASF
complémentaire), non versée sous 15 € (D523-3). En cas d'impayé, la CAF verse l'ASF à titre d'avance et recouvre la pension."""

from openfisca_core.model_api import ADD, MONTH, Variable, max_

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
        pension = famille.sum(famille.members("pensions_alimentaires_percues", period, options=[ADD]))
        montant = seul * max_(enfants * pf.bmaf * pf.asf.taux_un_parent - pension, 0)
        return montant * (montant >= pf.asf.montant_minimum_verse)
