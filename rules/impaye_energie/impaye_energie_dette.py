"""Le ménage a une dette envers son fournisseur d'énergie : un montant impayé ou un courrier de
relance, de réduction ou de coupure (décret n° 2008-780 ; CASF L115-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage
from rights_engine.enums import TypesAvisFournisseurEnergie


class impaye_energie_dette(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Factures d'énergie impayées ou courrier du fournisseur après un impayé"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        avis = menage("energie_avis_fournisseur", period)
        return (
            (menage("energie_factures_impayees", period) > 0)
            + (avis != TypesAvisFournisseurEnergie.aucun)
            + menage("energie_coupee", period)
        )
