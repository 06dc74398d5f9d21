"""ASF comptée dans les ressources du RSA et de la prime d'activité : son montant, dans la limite
d'un forfait de 22,5 % de la BMAF par enfant y ouvrant droit (CASF R262-10-1, CSS R844-4)."""

from openfisca_core.model_api import MONTH, Variable, min_

from rights_engine.entities import Famille


class asf_forfait_minima(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "ASF comptée au forfait dans les ressources du RSA et de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029006452"

    def formula(famille, period, parameters):
        pf = parameters(period).prestations_familiales
        forfait = famille("af_nbenf", period) * pf.bmaf * pf.asf.taux_forfait_rsa
        return min_(famille("asf", period), forfait)
