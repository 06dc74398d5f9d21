"""Prestations familiales dues au foyer selon ce moteur, en totalité : allocations familiales
(majorations pour âge et allocation forfaitaire comprises), complément familial (majoré le cas
échéant), allocation de soutien familial et allocation de base de la PAJE (CSS L521-1, L522-1,
L523-1, L531-3)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille

PRESTATIONS = ("af", "cf", "asf", "paje_base")


class prestations_familiales_calculees(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales dues selon le moteur (AF, complément familial, ASF, PAJE)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        return sum(famille(nom, period) for nom in PRESTATIONS)
