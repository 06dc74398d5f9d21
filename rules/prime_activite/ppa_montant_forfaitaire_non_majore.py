"""Montant forfaitaire selon la composition du foyer (CSS L842-3, D843-1) : base pour une
personne, + 50 % pour la deuxième, + 30 % pour la troisième, + 30 % pour la quatrième si le foyer
compte un couple (40 % pour un parent seul), + 40 % par personne ensuite."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille

# Rangs des personnes du foyer et nombre de parents d'un couple (D843-1).
RANG_DEUXIEME_PERSONNE = 2
RANG_TROISIEME_PERSONNE = 3
RANG_QUATRIEME_PERSONNE = 4
PARENTS_D_UN_COUPLE = 2


class ppa_montant_forfaitaire_non_majore(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire de la prime d'activité non majoré"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031673885"

    def formula(famille, period, parameters):
        mf = parameters(period).prime_activite.montant_forfaitaire
        nb = famille("rsa_nb_personnes", period)
        quatrieme = where(
            famille.nb_persons(Famille.PARENT) == PARENTS_D_UN_COUPLE,
            mf.majoration_troisieme_personne,
            mf.majoration_personne_supplementaire,
        )
        taux = (
            1
            + (nb >= RANG_DEUXIEME_PERSONNE) * mf.majoration_deuxieme_personne
            + (nb >= RANG_TROISIEME_PERSONNE) * mf.majoration_troisieme_personne
            + (nb >= RANG_QUATRIEME_PERSONNE) * quatrieme
            + max_(nb - RANG_QUATRIEME_PERSONNE, 0) * mf.majoration_personne_supplementaire
        )
        return mf.montant_de_base * taux
