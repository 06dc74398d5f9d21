"""Orientation vers un plan d'apurement (échéancier) négocié avec le fournisseur d'énergie :
possible à tout moment de la procédure, sans montant ni durée fixés par un texte (décret n°
2008-780 du 13 août 2008)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class echeancier_energie_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Dette d'énergie pouvant faire l'objet d'un échéancier avec le fournisseur"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("energie_factures_impayees", period) > 0
