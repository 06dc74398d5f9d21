"""Plafond annuel de ressources de l'allocation de base à taux plein : identique à celui du
complément familial (CSS L531-3, al. 3, depuis la loi n° 2017-1836 pour les enfants nés à partir du
1er avril 2018) — base × (1 + 25 % pour chacun des deux premiers enfants + 30 % par enfant
suivant) + majoration pour un couple biactif ou un parent isolé (R531-1, R522-2). Les enfants
comptés sont ceux des prestations familiales (moins de 20 ans), non ceux du complément familial."""

from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Famille


class paje_base_plafond_taux_plein(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plafond de ressources de l'allocation de base à taux plein"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036393143"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        plafond = pf.complement_familial.plafond
        # Coefficient computed here, not stored in a variable: a float32 coefficient (2,1 stored
        # as 2,0999999) would put a family exactly at the ceiling just above it.
        par_enfant = pf.complement_familial.plafond
        nb = famille("paje_base_nb_enfants_a_charge", period)
        premiers = par_enfant.nombre_premiers_enfants
        coefficient = (
            1
            + min_(nb, premiers) * par_enfant.majoration_premiers_enfants
            + max_(nb - premiers, 0) * par_enfant.majoration_enfant_suivant
        )
        majore = famille("cf_plafond_majore", period)
        return plafond.base * coefficient + majore * plafond.majoration_biactifs_isoles
