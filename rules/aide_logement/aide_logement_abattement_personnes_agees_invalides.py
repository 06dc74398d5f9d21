"""Abattement de l'article 157 bis du code général des impôts déduit des ressources des aides au
logement pour les personnes nées avant le 1er janvier 1931 et pour les personnes invalides
(CCH R822-4, II, 2°) : selon le revenu net global du foyer, le montant entier, la moitié ou rien,
doublé quand les deux conjoints remplissent les conditions, sans dépasser ce revenu. Montants
de l'année précédente (ceux des revenus de l'année qui couvre l'essentiel des 12 mois)."""

from openfisca_core.model_api import MONTH, Variable, min_

from rights_engine.entities import Famille


class aide_logement_abattement_personnes_agees_invalides(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Abattement pour personnes âgées ou invalides (CGI art. 157 bis), aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000047622555"

    def formula(famille, period, parameters):
        bareme = parameters(
            period.last_year
        ).aide_logement.ressources.abattement_personnes_agees_invalides.bareme
        personnes = famille.sum(
            famille.members("aide_logement_personne_agee_ou_invalide", period),
            role=Famille.PARENT,
        )
        revenu = famille("aide_logement_revenu_net_global", period)
        return min_(revenu, personnes * bareme.calc(revenu))
