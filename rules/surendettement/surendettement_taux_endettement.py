"""Part des ressources mensuelles consacrée au remboursement des dettes et crédits ; sans
ressources, toute échéance rend le taux infini (noté 1 000 000 000, au-delà de tout seuil)."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Menage


class surendettement_taux_endettement(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Taux d'endettement : remboursements mensuels rapportés aux ressources mensuelles"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"
    unit = "/1"

    def formula(menage, period, parameters):
        remboursements = menage("dettes_remboursements_mensuels", period)
        ressources = menage("surendettement_ressources_mensuelles", period)
        sans_ressources = parameters(period).surendettement.taux_sans_ressources
        return where(
            ressources > 0,
            remboursements / max_(ressources, 1),
            where(remboursements > 0, sans_ressources, 0),
        )
