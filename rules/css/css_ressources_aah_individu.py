"""AAH d'une personne pour un mois, comptée dans les ressources de la CSS : l'AAH calculée pour
elle (droit individuel) ce mois-là, après l'abattement mensuel fixé par arrêté (CSS L861-2,
R861-4 ; R861-10 ne l'exclut pas). ``css_ressources`` en fait la somme sur les 12 mois de la
période de référence, chacun avec son propre montant de l'AAH (revalorisée le 1er avril)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Individu


class css_ressources_aah_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "AAH mensuelle comptée dans les ressources de la CSS, après abattement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period, parameters):
        abattement = parameters(period).css.abattement_aah
        return max_(0, individu("aah", period) - abattement)
