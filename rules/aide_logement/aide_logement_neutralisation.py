"""Neutralisation des revenus d'activité professionnelle et des indemnités de chômage d'un parent
pour les aides au logement : quand le foyer perçoit le RSA (CCH R822-17), ou quand la personne est
en chômage total depuis au moins deux mois sans indemnisation ou avec l'allocation de solidarité
spécifique (CCH R822-15)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class aide_logement_neutralisation(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Revenus d'activité et de chômage neutralisés (RSA, chômage non indemnisé ou ASS)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878973"

    def formula(individu, period):
        non_indemnise = (individu("chomage_net", period) <= 0) + individu(
            "allocation_solidarite_specifique_percue", period
        )
        chomage = individu("aide_logement_chomage_deux_mois", period) * non_indemnise
        rsa = individu.famille("rsa_percu", period)
        return (chomage + rsa) * individu.has_role(Famille.PARENT)
