"""Forfait charges C : montant pour une personne seule ou un couple, majoré par personne à
charge ; barème propre aux colocataires (arrêté du 27 septembre 2019, art. 9 et 16)."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille


class aide_logement_charges(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Forfait charges C des aides au logement"
    reference = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000050278404"

    def formula(famille, period, parameters):
        charges = parameters(period).aide_logement.locatif.forfait_charges
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        coloc = famille.demandeur.menage("coloc", period)
        general = charges.cas_general + nb_pac * charges.par_personne_a_charge
        colocation = (
            where(couple, charges.colocation_couple, charges.colocation_personne_seule)
            + nb_pac * charges.colocation_par_personne_a_charge
        )
        return where(coloc, colocation, general)
