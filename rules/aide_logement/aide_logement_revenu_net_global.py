"""Revenu net global du foyer pour l'abattement de l'article 157 bis du code général des impôts
(CCH R822-4, II, 2°) : revenus nets catégoriels des 12 mois des parents (revenus d'activité et
allocations chômage après la déduction pour frais professionnels, pensions après l'abattement de
10 %, autres revenus), avant les abattements et neutralisations propres aux aides au logement.
Hypothèse : les parents forment un seul foyer fiscal."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aide_logement_revenu_net_global(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Revenu net global des parents (abattement de l'article 157 bis, aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(famille, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        revenus = (
            famille.members("aide_logement_revenus_activite", period)
            + famille.members("aide_logement_indemnites_chomage", period)
            + famille.members("aide_logement_pensions", period)
            + famille.members("autres_revenus", period) * mois
        )
        return famille.sum(revenus, role=Famille.PARENT)
