"""Le mois évalué est dans la trêve hivernale des expulsions, du 1er novembre au 31 mars (code
des procédures civiles d'exécution, L412-6) : aucune expulsion ne peut être exécutée, sauf
relogement assuré ; exceptions : personnes entrées dans les lieux par voie de fait, conjoint
violent évincé par une ordonnance de protection, immeuble frappé d'un arrêté de péril."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class treve_expulsions_en_cours(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Mois compris dans la trêve hivernale des expulsions"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000025024948"

    def formula(menage, period, parameters):
        treve = parameters(period).prevention_expulsion.treve_hivernale
        mois = period.start.month
        dans_treve = (mois >= treve.debut_mois) or (mois <= treve.fin_mois)
        return (menage.nb_persons() > 0) * dans_treve
