"""Pension alimentaire due pour les enfants par l'autre parent : aucune pension fixée, pension
fixée et payée intégralement, impayée depuis au moins un mois, ou payée en partie (CSS L523-1,
R523-1, L581-2). Fait de la situation (``household.alimony.status``)."""

from openfisca_core.model_api import MONTH, Enum, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille
from rights_engine.enums import TypesPensionAlimentaire


class asf_pension_statut(Variable):
    value_type = Enum
    possible_values = TypesPensionAlimentaire
    default_value = TypesPensionAlimentaire.non_renseigne
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Pension alimentaire due pour les enfants : fixée ou non, payée ou non"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006743294"
