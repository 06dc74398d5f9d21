"""Montant mensuel de la pension alimentaire fixée pour les enfants (décision de justice,
convention homologuée, acte notarié ou accord mentionné au IV de CSS L523-1). Fait de la situation
(``household.alimony.amount_fixed``)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class asf_pension_fixee(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Montant mensuel de la pension alimentaire fixée pour les enfants"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006743294"
