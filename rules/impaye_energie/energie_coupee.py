"""L'électricité ou le gaz est déjà coupé au logement (entrée : `household.energy.supply_cut`) :
pendant la trêve hivernale aucune interruption pour impayé n'est permise dans la résidence
principale (CASF L115-3, al. 3) ; hors trêve, le rétablissement se négocie avec le fournisseur
(échéancier) et l'aide d'urgence du FSL, saisi par le foyer ou un travailleur social."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class energie_coupee(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Électricité ou gaz déjà coupé au logement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
