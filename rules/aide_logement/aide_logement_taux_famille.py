"""Taux TF selon la composition du foyer, en métropole (arrêté du 27 septembre 2019, art. 14,
1°)."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille

# The barème lists one rate per number of dependants up to six, then a change per extra one.
PAR_NOMBRE = (
    "une_personne_a_charge",
    "deux_personnes_a_charge",
    "trois_personnes_a_charge",
    "quatre_personnes_a_charge",
    "cinq_personnes_a_charge",
    "six_personnes_a_charge",
)


class aide_logement_taux_famille(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Taux TF selon la taille de la famille"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000046206208/2022-07-01/#LEGIARTI000046206208"

    def formula(famille, period, parameters):
        tf = parameters(period).aide_logement.locatif.participation_personnelle.tf
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        valeur = where(couple, tf.couple, tf.personne_seule)
        for rang, nom in enumerate(PAR_NOMBRE, start=1):
            valeur = where(nb_pac == rang, tf[nom], valeur)
        supplementaires = max_(0, nb_pac - len(PAR_NOMBRE))
        return where(
            supplementaires > 0,
            tf[PAR_NOMBRE[-1]] + supplementaires * tf.par_personne_a_charge_supplementaire,
            valeur,
        )
