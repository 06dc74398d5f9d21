"""La situation donne le montant des prestations familiales perçues (``family_benefits``) ; sinon
le RSA et la prime d'activité comptent celles que le moteur calcule."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Famille


class prestations_familiales_connues(Variable):
    value_type = bool
    default_value = True
    entity = Famille
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Montant des prestations familiales perçues donné par la situation"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029006452"
