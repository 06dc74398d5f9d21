"""Enfant compté à charge pour le RSA (CASF R262-3).

Un enfant de moins de 25 ans n'est pas compté à charge s'il perçoit des ressources égales ou
supérieures à la majoration du montant forfaitaire qu'il ouvre (R262-3, dernier alinéa) : ni sa
majoration ni ses ressources n'entrent alors dans le calcul. La majoration comparée est celle du
dernier rang du foyer (R262-1) : 50 % s'il est le seul enfant d'un parent seul, 40 % au-delà du
deuxième enfant, 30 % sinon ; le supplément du montant majoré (L262-9) n'est pas utilisé ici, pour
ne pas rendre l'enfant à charge dépendant de la majoration qu'il ouvre lui-même.
"""

from openfisca_core.model_api import ADD, MONTH, Variable, select

from rights_engine.entities import Famille, Individu

# Mêmes ressources que rsa_base_ressources (R262-6), en moyenne sur le trimestre précédent.
RESSOURCES_INDIVIDUELLES = (
    "salaire_net",
    "revenus_non_salarie",
    "retraite_nette",
    "chomage_net",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "autres_revenus",
)
# « Plus de deux enfants » : seuil de la majoration de 40 % (R262-1).
NOMBRE_ENFANTS_AVANT_MAJORATION_SUPPLEMENTAIRE = 2


class rsa_enfant_a_charge(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Enfant à charge au sens du RSA"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526222"

    def formula(individu, period, parameters):
        rsa = parameters(period).rsa
        mf = rsa.montant_forfaitaire
        age_limite = rsa.conditions.age_limite_enfant_a_charge
        candidat = individu.has_role(Famille.ENFANT) * (individu("age", period) < age_limite)

        trimestre = period.last_3_months
        ressources = (
            sum(individu(nom, trimestre, options=[ADD]) for nom in RESSOURCES_INDIVIDUELLES)
            / trimestre.size
        )

        nb_enfants = individu.famille.sum(candidat)
        seul = individu.famille.nb_persons(Famille.PARENT) <= 1
        taux = select(
            [nb_enfants > NOMBRE_ENFANTS_AVANT_MAJORATION_SUPPLEMENTAIRE, seul * (nb_enfants <= 1)],
            [mf.majoration_personne_supplementaire, mf.majoration_deuxieme_personne],
            default=mf.majoration_troisieme_personne,
        )
        return candidat * (ressources < taux * mf.montant_de_base)
