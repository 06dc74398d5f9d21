"""Pension fixée impayée en tout ou partie : l'ASF (ou l'allocation différentielle) est versée à
titre d'avance sur la pension, et la CAF (ou la MSA), subrogée dans les droits du parent créancier,
en recouvre le montant auprès du parent débiteur, dans la limite de l'ASF ou de la pension si elle
est inférieure (CSS L581-2 ; recouvrement par l'ARIPA, L581-1 et suivants)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille
from rights_engine.enums import TypesPensionAlimentaire


class asf_avance_recouvrable(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "ASF avancée sur une pension impayée, recouvrée par la CAF auprès du parent débiteur"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006743449"

    def formula(famille, period):
        statut = famille("asf_pension_statut", period)
        impayee = (statut == TypesPensionAlimentaire.impayee) + (
            statut == TypesPensionAlimentaire.partiellement_payee
        )
        return impayee * (famille("asf", period) > 0)
