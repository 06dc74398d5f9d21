"""Salaire net imposable mensuel, retenu par les aides au logement (revenus nets catégoriels de
l'impôt sur le revenu, CCH R822-4), déduit du salaire net déclaré : le net imposable garde la CSG
non déductible et la CRDS que le net a payées. Avec B le brut, c les cotisations salariales, a
l'assiette de la CSG, d la CSG déductible et n la CSG non déductible et la CRDS :
net = B (1 − c − a (d + n)), net imposable = B (1 − c − a d) (CGI art. 154 quinquies ; CSS
L136-1-2, L136-8)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aide_logement_salaire_imposable(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Salaire net imposable retenu par les aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041419188/2021-01-01"

    def formula(individu, period, parameters):
        p = parameters(period).aide_logement.ressources.salaire_imposable
        imposable = 1 - p.taux_cotisations_salariales - p.assiette_csg * p.taux_csg_deductible
        net = imposable - p.assiette_csg * p.taux_csg_crds_non_deductibles
        return individu("salaire_net", period) * imposable / net
