"""Revenus d'activité professionnelle en milieu ordinaire et allocations chômage, moyenne
mensuelle du trimestre précédent, après les abattements de 80 % et 40 % (CSS D821-9), puis, quand
la personne perçoit une allocation de chômage, l'abattement de 30 % du chômage indemnisé (R821-4,
qui évalue les ressources selon les règles des prestations familiales, R532-3 et R532-5).

Les allocations chômage relèvent de la catégorie fiscale des traitements et salaires, dont R821-4
retient le revenu catégoriel : elles suivent les salaires (lecture d'OpenFisca-France,
``aah_base_ressources_deconjugalisee``)."""

from openfisca_core.model_api import ADD, MONTH, Variable, max_, min_

from rights_engine.entities import Individu


class aah_revenus_activite(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Revenus d'activité et allocations chômage retenus pour l'AAH après abattements"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023097737"

    def formula(individu, period, parameters):
        trimestre = period.last_3_months
        chomage = individu("chomage_net", trimestre, options=[ADD]) / trimestre.size
        revenus = (
            individu("salaire_net", trimestre, options=[ADD])
            + individu("revenus_non_salarie", trimestre, options=[ADD])
        ) / trimestre.size + chomage
        abattements = parameters(period).aah.abattements_activite
        smic = parameters(period).commun.smic
        limite = (
            abattements.limite_tranche_en_part_smic
            * smic.smic_brut_horaire
            * smic.heures_mensuelles
        )
        tranche_basse = min_(revenus, limite)
        tranche_haute = max_(0, revenus - limite)
        abattus = tranche_basse * (1 - abattements.taux_tranche_inferieure) + tranche_haute * (
            1 - abattements.taux_tranche_superieure
        )
        # Chômage indemnisé (R532-5, par renvoi de R821-4) : abattement de 30 %.
        return abattus * (1 - (chomage > 0) * abattements.taux_chomage_indemnise)
