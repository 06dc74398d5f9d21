"""Être français ou ressortissant de l'UE, de l'EEE ou de la Suisse, ou titulaire depuis 10 ans
d'un titre de séjour autorisant à travailler ; réfugiés, apatrides, bénéficiaires de la
protection subsidiaire dispensés (CSS L816-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu
from rights_engine.enums import TypesNationalite


class aspa_condition_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = (
        "Nationalité française ou européenne, ou titre de séjour depuis 10 ans (sauf réfugié, "
        "apatride)"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000042920144/2021-05-01"

    def formula(individu, period, parameters):
        hors_ue = individu("nationalite", period) == TypesNationalite.hors_union_europeenne
        titre = individu("titre_sejour", period) * (
            individu("dispense_duree_titre_sejour", period)
            + (
                individu("duree_possession_titre_sejour", period)
                >= parameters(period).aspa.duree_titre_sejour
            )
        )
        return (hors_ue == 0) + titre
