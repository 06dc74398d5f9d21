"""Les dettes paraissent impossibles à rembourser avec les ressources : remboursements au-delà du
seuil d'orientation retenu par le moteur, ou dettes sans ressources. Seule la commission de
surendettement apprécie « l'impossibilité manifeste de faire face à l'ensemble de ses dettes non
professionnelles exigibles et à échoir » (C. consom. L711-1) ; ce seuil ne sert qu'à orienter."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class surendettement_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Dettes paraissant impossibles à rembourser avec les ressources du ménage"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"

    def formula(menage, period, parameters):
        seuil = parameters(period).surendettement.seuil_orientation_taux_endettement
        taux = menage("surendettement_taux_endettement", period)
        dettes = menage("dettes_total", period) + menage("dettes_remboursements_mensuels", period)
        return (dettes > 0) * (taux > seuil)
