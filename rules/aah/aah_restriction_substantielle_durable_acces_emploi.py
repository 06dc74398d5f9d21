"""Restriction substantielle et durable d'accès à l'emploi reconnue par la CDAPH (CSS L821-2,
D821-1-2)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class aah_restriction_substantielle_durable_acces_emploi(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Restriction substantielle et durable d'accès à l'emploi (RSDAE) reconnue par la CDAPH"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020039305"
