"""La personne ouvre l'abattement de l'article 157 bis du code général des impôts que les aides au
logement déduisent des ressources (CCH R822-4, II, 2°) : née avant le 1er janvier 1931, ou
invalide au sens de cet article, c'est-à-dire notamment titulaire de la carte mobilité inclusion
portant la mention « invalidité » (CGI art. 195, 1, d bis), attribuée à partir d'un taux
d'incapacité de 80 % (CASF L241-3). Hypothèse : un taux d'au moins 80 % vaut carte."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aide_logement_personne_agee_ou_invalide(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Née avant 1931 ou invalide : abattement de l'article 157 bis (aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(individu, period, parameters):
        p = parameters(period).aide_logement.ressources.abattement_personnes_agees_invalides
        limite = datetime64(str(int(p.annee_naissance_limite)), "D")
        agee = individu("date_naissance", period).astype("datetime64[D]") < limite
        invalide = individu("taux_incapacite", period) >= p.taux_incapacite_invalide
        return agee + invalide
