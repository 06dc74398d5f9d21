"""Difficulté budgétaire ouvrant une orientation vers un Point conseil budget (ouvert à tous,
gratuit, confidentiel) : dette d'énergie, remboursements au-delà du seuil d'alerte retenu par le
moteur, ou dettes paraissant impossibles à rembourser."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class point_conseil_budget_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = (
        "Difficulté budgétaire : dette d'énergie ou remboursements lourds au regard des ressources"
    )
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"

    def formula(menage, period, parameters):
        seuil = parameters(period).point_conseil_budget.seuil_alerte_taux_endettement
        endette = (menage("dettes_total", period) > 0) * (
            menage("surendettement_taux_endettement", period) > seuil
        )
        return (
            endette
            + menage("impaye_energie_dette", period)
            + menage("surendettement_orientation", period)
        ) > 0
