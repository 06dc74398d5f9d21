"""Ressources annuelles du foyer pour la CSS (CSS L861-2, R861-4 à R861-8) : revenus des membres
du foyer, AAH de chacun et ASPA du foyer après leurs abattements (L861-2), prestations
familiales comptées selon les règles de la CSS (``css_prestations_familiales``), plus le forfait
logement. Hypothèse : la moyenne mensuelle des 3 derniers mois, sur 12 mois, tient lieu des 12
mois de référence (M-13 à M-2) ; le RSA et la prime d'activité ne sont pas comptés."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille

RESSOURCES = (
    "salaire_net",
    "revenus_non_salarie",
    "retraite_nette",
    "chomage_net",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "autres_revenus",
)


class css_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources annuelles du foyer retenues pour la complémentaire santé solidaire"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period, parameters):
        trimestre = period.last_3_months
        membre = famille.members("css_membre_foyer", period)
        total_i = sum(famille.members(nom, trimestre, options=[ADD]) for nom in RESSOURCES)
        mensuelles = famille.sum(membre * total_i) / trimestre.size
        aah = famille.sum(membre * famille.members("css_ressources_aah_individu", period))
        minima = aah + famille("css_ressources_aspa", period)
        mensuelles = mensuelles + minima + famille("css_prestations_familiales", period)
        mois = parameters(period).css.nombre_mois_ressources
        return (mensuelles + famille("css_forfait_logement", period)) * mois
