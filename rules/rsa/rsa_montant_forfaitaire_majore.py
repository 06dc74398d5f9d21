"""Montant forfaitaire majoré pour isolement : 128,412 % de la base + 42,804 % par enfant
(CASF L262-9, R262-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_montant_forfaitaire_majore(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire majoré pour isolement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(famille, period, parameters):
        rsa = parameters(period).rsa
        majoration = rsa.majoration_isolement
        taux = majoration.taux_de_base + majoration.taux_par_enfant * famille(
            "rsa_nb_enfants", period
        )
        eligible = famille("rsa_majore_eligibilite", period) * famille(
            "rsa_majore_condition_sejour", period
        )
        return eligible * rsa.montant_forfaitaire.montant_de_base * taux
