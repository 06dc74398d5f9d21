"""Délai supplémentaire accordé par le premier courrier après un défaut de paiement : 15 jours,
30 jours pour les bénéficiaires du chèque énergie ou d'une aide du FSL dans les douze derniers
mois (décret n° 2008-780 du 13 août 2008, art. 2)."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Menage


class impaye_energie_delai_supplementaire(Variable):
    value_type = int
    entity = Menage
    definition_period = MONTH
    label = "Délai supplémentaire de paiement après le premier courrier, en jours"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period, parameters):
        delais = parameters(period).impaye_energie.delais
        beneficiaire = menage("cheque_energie", period) > 0
        return where(
            beneficiaire, delais.delai_supplementaire_beneficiaires, delais.delai_supplementaire
        )
