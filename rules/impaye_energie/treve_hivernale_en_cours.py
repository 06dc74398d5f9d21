"""Le mois évalué est dans la trêve hivernale de l'énergie, du 1er novembre au 31 mars
(CASF L115-3, al. 3) : aucune interruption de la fourniture d'électricité, de chaleur ou de gaz
pour impayé dans la résidence principale."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class treve_hivernale_en_cours(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Mois compris dans la trêve hivernale de l'énergie"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period, parameters):
        treve = parameters(period).impaye_energie.treve_hivernale
        mois = period.start.month
        dans_treve = (mois >= treve.debut_mois) or (mois <= treve.fin_mois)
        return (menage.nb_persons() > 0) * dans_treve
