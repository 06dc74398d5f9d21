"""Montant forfaitaire selon la composition du foyer (CASF L262-2, R262-1).

Base pour une personne, + 50 % pour la deuxième, + 30 % pour la troisième, + 30 % pour la
quatrième si le foyer compte un couple (40 % pour un parent seul), + 40 % par enfant ensuite.
"""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille


class rsa_montant_forfaitaire_non_majore(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire du RSA non majoré"
    reference = "https://www.legifrance.gouv.fr/affichTexteArticle.do?idArticle=LEGIARTI000020522717&cidTexte=JORFTEXT000020521930"

    def formula(famille, period, parameters):
        mf = parameters(period).rsa.montant_forfaitaire
        nb_personnes = famille("rsa_nb_personnes", period)
        nb_parents = famille.nb_persons(Famille.PARENT)
        quatrieme = where(
            nb_parents == 2, mf.majoration_troisieme_personne, mf.majoration_personne_supplementaire
        )
        taux = (
            1
            + (nb_personnes >= 2) * mf.majoration_deuxieme_personne
            + (nb_personnes >= 3) * mf.majoration_troisieme_personne
            + (nb_personnes >= 4) * quatrieme
            + max_(nb_personnes - 4, 0) * mf.majoration_personne_supplementaire
        )
        return famille("rsa_eligibilite", period) * mf.montant_de_base * taux
