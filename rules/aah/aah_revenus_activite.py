"""Revenus d'activité professionnelle en milieu ordinaire, moyenne mensuelle du trimestre
précédent, après les abattements de 80 % et 40 % (CSS D821-9)."""

from openfisca_core.model_api import ADD, MONTH, Variable, max_, min_

from rights_engine.entities import Individu


class aah_revenus_activite(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Revenus d'activité retenus pour l'AAH après abattements"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023097737"

    def formula(individu, period, parameters):
        trimestre = period.last_3_months
        revenus = (
            individu("salaire_net", trimestre, options=[ADD])
            + individu("revenus_non_salarie", trimestre, options=[ADD])
        ) / trimestre.size
        abattements = parameters(period).aah.abattements_activite
        smic = parameters(period).commun.smic
        limite = (
            abattements.limite_tranche_en_part_smic
            * smic.smic_brut_horaire
            * smic.heures_mensuelles
        )
        tranche_basse = min_(revenus, limite)
        tranche_haute = max_(0, revenus - limite)
        return tranche_basse * (1 - abattements.taux_tranche_inferieure) + tranche_haute * (
            1 - abattements.taux_tranche_superieure
        )
