"""Orientation vers une mesure de protection juridique (sauvegarde de justice, curatelle, tutelle,
habilitation familiale) demandée au juge des contentieux de la protection (C. civ. art. 425 à
494-12)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class protection_juridique_majeur_orientation(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Orientation vers une mesure de protection juridique du majeur"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006070721"

    def formula(individu, period):
        return individu("protection_majeur_signes_alteration", period) * individu(
            "protection_majeur_besoin", period
        )
