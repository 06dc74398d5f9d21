"""Urgence de la prévention des expulsions : haute dès un impayé signalable à la CAF ou une
procédure engagée (commandement de payer, assignation, jugement) ; immédiate après un
commandement de quitter les lieux hors trêve hivernale (l'expulsion peut être exécutée deux
mois après, CPCE L412-1) ; normale pour un impayé récent sans procédure."""

from openfisca_core.model_api import MONTH, Enum, Variable, not_, select

from rights_engine.entities import Menage
from rights_engine.enums import TypesStadeExpulsion, TypesUrgence


class prevention_expulsion_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de la prévention des expulsions"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000025024948"

    def formula(menage, period):
        stade = menage("procedure_expulsion_stade", period)
        quitter = stade == TypesStadeExpulsion.commandement_de_quitter
        procedure = stade != TypesStadeExpulsion.aucun
        treve = menage("treve_expulsions_en_cours", period)
        return select(
            [quitter * not_(treve), procedure + menage("impaye_loyer_signalement_caf", period)],
            [TypesUrgence.emergency, TypesUrgence.high],
            default=TypesUrgence.normal,
        )
