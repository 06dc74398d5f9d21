"""Salaire brut mensuel retrouvé à partir du salaire net déclaré : net ÷ (1 − cotisations et
contributions salariales d'un salarié non cadre du secteur privé sous le plafond de la sécurité
sociale : vieillesse, CSS D242-4 ; retraite complémentaire AGIRC-ARRCO et CEG, rendues
obligatoires par L921-4 ; CSG, L136-8, et CRDS, ordonnance n° 96-50, art. 19, sur 98,25 % du
brut, L136-1-2). Sert aux prestations qui retiennent le salaire brut (ASPA, CSS R815-22,
R815-29). Le nom est celui d'OpenFisca-France."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class salaire_de_base(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Salaire brut mensuel estimé à partir du salaire net déclaré"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029924557"

    def formula(individu, period, parameters):
        c = parameters(period).commun.cotisations_salariales
        cotisations = (
            c.vieillesse_plafonnee
            + c.vieillesse_deplafonnee
            + c.retraite_complementaire_tranche_1
            + c.contribution_equilibre_general
            + (c.csg + c.crds) * c.assiette_csg_crds
        )
        return individu("salaire_net", period) / (1 - cotisations)
