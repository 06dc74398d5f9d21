"""Date du début du chômage total d'une personne (premier jour du mois déclaré), qui ouvre, après
deux mois, l'abattement de 30 % (chômage indemnisé, CCH R822-13) ou la neutralisation de ses
revenus d'activité et indemnités de chômage (CCH R822-15). Donnée d'entrée ; par défaut, pas de
chômage (date la plus lointaine)."""

from datetime import date

from openfisca_core.model_api import ETERNITY, Variable

from rights_engine.entities import Individu


class date_debut_chomage(Variable):
    value_type = date
    default_value = date.max
    entity = Individu
    definition_period = ETERNITY
    label = "Date du début du chômage total"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878977"
