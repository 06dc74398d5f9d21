"""Urgence de la procédure d'impayé d'énergie selon le dernier courrier reçu et la saison :
hors trêve hivernale, un avis de coupure ou de réduction peut être exécuté sous 20 jours
(urgence immédiate) et une relance ouvre un délai de 15 jours (urgence haute) ; pendant la trêve
(CASF L115-3, al. 3) aucune coupure n'est possible mais la puissance peut être réduite, sauf pour
les bénéficiaires du chèque énergie (urgence haute après un avis de coupure ou de réduction).
Une énergie déjà coupée est une urgence immédiate en toute saison : demander le rétablissement."""

from openfisca_core.model_api import MONTH, Enum, Variable, not_, select

from rights_engine.entities import Menage
from rights_engine.enums import TypesAvisFournisseurEnergie, TypesUrgence


class impaye_energie_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de la procédure d'impayé d'énergie"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        avis = menage("energie_avis_fournisseur", period)
        treve = menage("treve_hivernale_en_cours", period)
        coupure_ou_reduction = (avis == TypesAvisFournisseurEnergie.coupure) + (
            avis == TypesAvisFournisseurEnergie.reduction
        )
        relance = avis == TypesAvisFournisseurEnergie.relance
        coupee = menage("energie_coupee", period)
        return select(
            [
                coupee + coupure_ou_reduction * not_(treve),
                coupure_ou_reduction + relance * not_(treve),
            ],
            [TypesUrgence.emergency, TypesUrgence.high],
            default=TypesUrgence.normal,
        )
