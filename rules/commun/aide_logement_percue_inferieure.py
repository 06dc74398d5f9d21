"""Le foyer déclare percevoir une aide au logement inférieure (de plus d'un euro par mois) à celle
que le moteur calcule comme due : il perçoit peut-être moins que son droit. Le forfait logement du
RSA, de la prime d'activité et de la CSS reste calculé avec l'aide déclarée, celle que le foyer
perçoit (CASF R262-10 ; CSS R844-3, R861-5)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aide_logement_percue_inferieure(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Aide au logement déclarée inférieure à celle que le moteur calcule"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526192"

    def formula(famille, period):
        ecart = famille("aide_logement_montant", period) - famille("aide_logement_percue", period)
        return famille("aide_logement_percue_renseignee", period) * (ecart > 1)
