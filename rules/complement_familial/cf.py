"""Complément familial (CSS L522-1 à L522-3, D522-1, D522-2) : 41,65 % de la BMAF si le revenu
fiscal de référence N-2 ne dépasse pas le plafond, 62,48 % (majoré) s'il ne dépasse pas la moitié
du plafond ; juste au-dessus du plafond, complément différentiel (plafond + 12 × montant −
ressources) / 12. Non cumulable avec l'allocation de base de la PAJE, servie en priorité
(L532-1)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from rights_engine.entities import Famille


class cf(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Complément familial"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006737116"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        cf = pf.complement_familial
        eligible = famille("cf_condition_nombre_enfants", period) * famille(
            "cf_condition_non_cumul_paje", period
        )
        plafond = famille("cf_plafond", period)
        ressources = famille.demandeur.menage("rfr", period)
        base = pf.bmaf * cf.taux_base
        majore = (ressources <= plafond * cf.part_plafond_majore) * pf.bmaf * cf.taux_majore
        mois = cf.nombre_mensualites_differentiel
        differentiel = max_(plafond + mois * base - ressources, 0) / mois
        non_majore = where(ressources <= plafond, base, min_(differentiel, base))
        return eligible * max_(majore, non_majore)
