"""Inaptitude au travail reconnue par la caisse de retraite (CSS L351-7), qui avance l'âge de
l'ASPA à l'âge légal de départ à la retraite."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class inapte_travail(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Reconnu inapte au travail"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"
