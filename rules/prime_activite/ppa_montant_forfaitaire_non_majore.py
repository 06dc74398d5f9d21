"""Montant forfaitaire selon la composition du foyer (CSS L842-3, D843-1) : base pour une
personne, + 50 % pour la deuxième, + 30 % pour la troisième, + 30 % pour la quatrième si le foyer
compte un couple (40 % pour un parent seul), + 40 % par personne ensuite (barèmes par nombre de
personnes)."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille


class ppa_montant_forfaitaire_non_majore(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire de la prime d'activité non majoré"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031673885"

    def formula(famille, period, parameters):
        mf = parameters(period).prime_activite.montant_forfaitaire
        nb = famille("rsa_nb_personnes", period)
        couple = famille.nb_persons(Famille.PARENT) > 1
        taux = where(couple, mf.bareme_couple.calc(nb), mf.bareme_personne_seule.calc(nb))
        return mf.montant_de_base * taux
