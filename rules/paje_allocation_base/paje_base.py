"""Allocation de base de la PAJE (CSS L531-1, L531-3, D531-3) : 41,65 % de la BMAF (taux plein) si
les ressources N-2 ne dépassent pas le plafond du taux plein, 20,825 % (taux partiel) si elles ne
dépassent pas celui du taux partiel, rien au-delà (pas de montant différentiel) ; une allocation
par foyer, une par enfant en cas de naissances multiples."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille


class paje_base(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Allocation de base de la prestation d'accueil du jeune enfant (PAJE)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036852559"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        ab = pf.paje_allocation_base
        taux = where(
            famille("paje_base_condition_taux_plein", period),
            ab.taux_plein,
            famille("paje_base_condition_ressources", period) * ab.taux_partiel,
        )
        return famille("paje_base_nombre_allocations", period) * pf.bmaf * taux
