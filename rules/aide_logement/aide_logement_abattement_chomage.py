"""Abattement de 30 % sur les revenus d'activité professionnelle d'une personne en chômage total
depuis au moins deux mois et indemnisée par l'allocation d'assurance chômage (CCH R822-13) ;
l'allocation de solidarité spécifique ouvre au contraire la neutralisation (R822-15)."""

from openfisca_core.model_api import MONTH, Variable, not_

from rights_engine.entities import Individu


class aide_logement_abattement_chomage(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Abattement des revenus d'activité pour chômage indemnisé (aides au logement)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878977"

    def formula(individu, period):
        return (
            individu("aide_logement_chomage_deux_mois", period)
            * (individu("chomage_net", period) > 0)
            * not_(individu("allocation_solidarite_specifique_percue", period))
        )
