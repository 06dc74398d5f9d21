"""Plafond annuel de ressources du complément familial (CSS R522-2) : base × (1 + 25 % pour chacun
des deux premiers enfants + 30 % par enfant suivant) + majoration pour un couple biactif ou un
parent isolé ; le complément est majoré sous la moitié de ce plafond (L522-3)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Famille


class cf_plafond(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plafond de ressources du complément familial"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046499019"

    def formula(famille, period, parameters):
        plafond = parameters(period).prestations_familiales.complement_familial.plafond
        nb = famille("cf_nb_enfants_a_charge", period)
        premiers = plafond.nombre_premiers_enfants
        taux = (
            1
            + min_(nb, premiers) * plafond.majoration_premiers_enfants
            + max_(nb - premiers, 0) * plafond.majoration_enfant_suivant
        )
        majore = famille("cf_plafond_majore", period)
        return plafond.base * taux + majore * plafond.majoration_biactifs_isoles
