"""Montant forfaitaire majoré du parent isolé ou de la femme enceinte isolée : 128,412 % de la base
+ 42,804 % par enfant à charge (CSS L842-7, D843-1). Mêmes conditions d'isolement que le RSA
majoré (durée de 12 mois ou benjamin de moins de 3 ans)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class ppa_montant_forfaitaire_majore(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire de la prime d'activité majoré pour isolement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031673885"

    def formula(famille, period, parameters):
        p = parameters(period).prime_activite
        majoration = p.majoration_isolement
        taux = majoration.taux_de_base + majoration.taux_par_enfant * famille(
            "rsa_nb_enfants", period
        )
        return (
            famille("rsa_majore_eligibilite", period) * p.montant_forfaitaire.montant_de_base * taux
        )
