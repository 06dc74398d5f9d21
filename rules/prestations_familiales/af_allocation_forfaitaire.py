"""Allocation forfaitaire (CSS L521-1, D521-2) : 20,234 % de la BMAF pendant un an pour chaque
enfant qui atteint 20 ans dans une famille d'au moins trois enfants (lui compris), modulée selon
les ressources (plafonds comptant l'enfant de 20 ans)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class af_allocation_forfaitaire(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation forfaitaire pour l'enfant de 20 ans"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000030680324"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        forfait = pf.allocations_familiales.forfait
        vingt_ans = famille("af_allocation_forfaitaire_nb_enfants", period)
        assez = (famille("af_nbenf", period) + vingt_ans) >= forfait.nombre_minimum_enfants
        return (
            assez
            * vingt_ans
            * pf.bmaf
            * forfait.taux
            * famille("af_allocation_forfaitaire_taux_modulation", period)
        )
