"""Condition de séjour de chaque parent (CASF L262-4, 2°, L262-6)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu
from rights_engine.enums import TypesNationalite


class rsa_condition_sejour_individu(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Le parent remplit la condition de séjour du RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"

    def formula(individu, period, parameters):
        conditions = parameters(period).rsa.conditions
        nationalite = individu("nationalite", period)
        francais = nationalite == TypesNationalite.francaise
        europeen = (nationalite == TypesNationalite.union_europeenne) * (
            individu("duree_residence_france", period) >= conditions.duree_residence_ue
        )
        hors_ue = (nationalite == TypesNationalite.hors_union_europeenne) * (
            (
                individu("duree_possession_titre_sejour", period)
                >= conditions.duree_titre_sejour_hors_ue
            )
            + individu("dispense_duree_titre_sejour", period)
        )
        return francais + europeen + hors_ue
