"""Ressources annuelles du foyer pour la CSS (CSS L861-2, R861-4 à R861-8) : revenus des membres
du foyer (salaires d'un chômeur indemnisé diminués de 30 %, R861-8), AAH de chacun et ASPA du
foyer après leurs abattements (L861-2), prestations familiales comptées selon les règles de la
CSS (``css_prestations_familiales``), plus le forfait logement.

Période de référence : les 12 mois courant du treizième au deuxième mois civil précédant le mois
de la demande (R861-8). L'AAH et l'ASPA y sont comptées mois par mois, chacune avec le montant et
les conditions de son mois (revalorisations du 1er avril pour l'AAH, du 1er janvier pour l'ASPA ;
âge d'ouverture atteint en cours de période), le foyer étant pris comme stable ; la majoration
pour la vie autonome (montant inchangé depuis 2008) l'est sur 12 mois. Hypothèse : pour les autres
revenus, la moyenne mensuelle des 3 derniers mois, sur 12 mois, tient lieu des 12 mois de
référence ; le RSA et la prime d'activité ne sont pas comptés."""

from openfisca_core.model_api import ADD, MONTH, Variable
from openfisca_core.periods import Period

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
        css = parameters(period).css
        mois = css.nombre_mois_ressources
        trimestre = period.last_3_months
        membre = famille.members("css_membre_foyer", period)
        total_i = sum(famille.members(nom, trimestre, options=[ADD]) for nom in RESSOURCES)
        mensuelles = famille.sum(membre * total_i) / trimestre.size
        # CSS R861-8 : 30 % des salaires d'un membre en chômage indemnisé.
        mensuelles = mensuelles - famille.sum(
            membre * famille.members("css_abattement_chomage_individu", period)
        )
        mensuelles = mensuelles + famille.sum(
            membre * famille.members("aah_majoration_vie_autonome", period)
        )
        mensuelles = mensuelles + famille("css_prestations_familiales", period)
        mensuelles = mensuelles + famille("css_forfait_logement", period)
        # AAH and ASPA of each month of the reference period (R861-8). Each is 0 in a month where
        # nobody meets its conditions (L821-1, L821-2; L815-1, L816-1), and so is what the CSS
        # counts of it (after an abattement, R861-4): neither is computed for the 12 months when
        # nobody of the simulation meets its conditions in any of them.
        debut = period.offset(-int(css.mois_avant_la_demande + mois - 1), "month").start
        reference = Period(("month", debut, int(mois)))
        minima = 0
        if famille.members("aah_eligible", reference, options=[ADD]).any():
            aah = famille.members("css_ressources_aah_individu", reference, options=[ADD])
            minima = minima + famille.sum(membre * aah)
        if famille("aspa_nb_allocataires", reference, options=[ADD]).any():
            minima = minima + famille("css_ressources_aspa", reference, options=[ADD])
        return mensuelles * mois + minima
