"""Ressources du foyer autres que professionnelles, moyenne du trimestre de référence (CSS L842-4,
R844-1 à R844-5) : pensions, retraites, chômage, pensions alimentaires, autres revenus, AAH (et
majoration pour la vie autonome) des membres du foyer quand elle n'est pas un revenu
professionnel (L842-8), ASPA due au foyer, et prestations familiales retenues (R844-4, R844-5).
R844-5 n'exclut ni l'AAH ni l'ASPA."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille

RESSOURCES_HORS_ACTIVITE = (
    "retraite_nette",
    "chomage_net",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "autres_revenus",
)


class ppa_ressources_hors_activite(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources mensuelles moyennes du foyer hors revenus d'activité (prime d'activité)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        trimestre = period.last_3_months
        membre = famille.members("ppa_membre_foyer", period)
        total_i = sum(
            famille.members(nom, trimestre, options=[ADD]) for nom in RESSOURCES_HORS_ACTIVITE
        )
        individuelles = famille.sum(membre * total_i) / trimestre.size
        # AAH de chaque membre (droit individuel, CSS L821-1), hors la part comptée comme revenu
        # professionnel (L842-8).
        aah_hors_activite = famille.members("aah_montant_total", period) - famille.members(
            "ppa_aah_revenu_activite", period
        ) * famille.members("aah", period)
        minima = famille.sum(membre * aah_hors_activite) + famille("aspa", period)
        return individuelles + minima + famille("prestations_familiales_base_ressources", period)
