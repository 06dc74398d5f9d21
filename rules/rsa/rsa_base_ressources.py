"""Ressources du foyer : moyenne mensuelle du trimestre précédant le mois évalué (CASF R262-6,
R262-7), AAH et ASPA comprises. Les revenus d'activité sont comptés en totalité depuis 2016 (le
bonus d'activité relève de la prime d'activité).

L'ASPA compte pour le montant auquel le foyer a droit, qu'il la perçoive ou non : le RSA est
subsidiaire, le foyer doit faire valoir ses droits à l'allocation de solidarité aux personnes
âgées (CASF L262-10), et elle n'est pas parmi les ressources exclues (R262-11)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille

RESSOURCES_INDIVIDUELLES = (
    "salaire_net",
    "revenus_non_salarie",
    "retraite_nette",
    "chomage_net",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "autres_revenus",
)


class rsa_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Ressources mensuelles moyennes du foyer retenues pour le RSA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period):
        trimestre = period.last_3_months
        compte_i = famille.members.has_role(Famille.PARENT) + famille.members(
            "rsa_enfant_a_charge", period
        )
        total_i = sum(
            famille.members(nom, trimestre, options=[ADD]) for nom in RESSOURCES_INDIVIDUELLES
        )
        mois = trimestre.size
        # L'AAH du mois (prestation non exclue par CASF R262-11) compte dans les ressources.
        individuelles = famille.sum(compte_i * (total_i / mois + famille.members("aah", period)))
        # Déclarées dans la situation, sinon calculées (AF de base, ASF au forfait R262-10-1).
        familiales = famille("prestations_familiales_base_ressources", period)
        # ASPA due au foyer (L262-10 : droits à faire valoir ; R262-6 : ressources de toute nature).
        return individuelles + familiales + famille("aspa", period)
