"""Séjour du parent isolé : la durée de cinq ans du titre de séjour ne lui est pas opposable, seul
un séjour régulier est exigé (CASF L262-4, 2°, renvoyant à CSS L512-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille
from rights_engine.enums import TypesNationalite


class rsa_majore_condition_sejour(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Séjour régulier du parent isolé (sans condition de durée du titre)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(famille, period):
        nationalite = famille.members("nationalite", period)
        hors_ue = nationalite == TypesNationalite.hors_union_europeenne
        titre = famille.members("titre_sejour", period) + famille.members(
            "dispense_duree_titre_sejour", period
        )
        regulier = (hors_ue * titre) + (nationalite != TypesNationalite.hors_union_europeenne)
        return famille.any(regulier, role=Famille.PARENT)
