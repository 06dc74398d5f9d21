"""L'impayé atteint le seuil où le bailleur doit le signaler à la CAF ou à la MSA : une dette au
moins égale à deux fois le montant mensuel du loyer et des charges (CCH R824-1 et R824-2,
jusqu'au 31 décembre 2026). L'aide est maintenue si le locataire de bonne foi reprend le paiement
du loyer courant et respecte un plan d'apurement, ou si le FSL est saisi."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class impaye_loyer_signalement_caf(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Impayé à signaler par le bailleur à la CAF ou à la MSA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074096"

    def formula(menage, period, parameters):
        seuil = parameters(period).prevention_expulsion.impaye
        dette = menage("impaye_loyer_montant", period)
        loyer = menage("loyer", period)
        return (dette > 0) * (dette >= seuil.nombre_loyers_mensuels * loyer) + (
            menage("impaye_loyer_mois", period) >= seuil.nombre_loyers_mensuels
        )
