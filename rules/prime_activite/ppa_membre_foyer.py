"""Membre du foyer de la prime d'activité : les parents et les enfants à charge (CSS L842-3,
enfants à charge appréciés comme pour le RSA, y compris la limite de ressources de l'enfant)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class ppa_membre_foyer(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Personne comptée dans le foyer de la prime d'activité (parent ou enfant à charge)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        return individu.has_role(Famille.PARENT) + individu("rsa_enfant_a_charge", period)
