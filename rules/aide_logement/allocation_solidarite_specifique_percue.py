"""L'allocation chômage que la personne perçoit est l'allocation de solidarité spécifique (ASS,
C. trav. L5423-1), et non l'allocation d'assurance (ARE) : ses revenus d'activité et indemnités
de chômage sont alors neutralisés pour les aides au logement (CCH R822-15). Donnée d'entrée."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class allocation_solidarite_specifique_percue(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Allocation chômage perçue au titre de l'allocation de solidarité spécifique (ASS)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878973"
