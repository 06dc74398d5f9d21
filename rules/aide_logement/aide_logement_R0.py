"""Abattement forfaitaire R0 selon la composition du foyer (CCH D823-17 ; arrêté du
27 septembre 2019, art. 15, revalorisé chaque 1er janvier ; non revalorisé en 2026)."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille

# The barème lists one value per number of dependants up to six, then an amount per extra one.
PAR_NOMBRE = (
    "une_personne_a_charge",
    "deux_personnes_a_charge",
    "trois_personnes_a_charge",
    "quatre_personnes_a_charge",
    "cinq_personnes_a_charge",
    "six_personnes_a_charge",
)


class aide_logement_R0(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Abattement forfaitaire R0 sur les ressources"
    reference = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000050873296"

    def formula(famille, period, parameters):
        r0 = parameters(period).aide_logement.locatif.participation_personnelle.r0
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        valeur = where(couple, r0.couple, r0.personne_seule)
        for rang, nom in enumerate(PAR_NOMBRE, start=1):
            valeur = where(nb_pac == rang, r0[nom], valeur)
        supplementaires = max_(0, nb_pac - len(PAR_NOMBRE))
        return where(
            supplementaires > 0,
            r0[PAR_NOMBRE[-1]] + supplementaires * r0.par_personne_a_charge_supplementaire,
            valeur,
        )
