"""Reasoning over the typed graph: classify, block, signed paths, combinations.

>>> import tmekg
>>> from tmekg import reasoning
>>> reasoning.block(tmekg.load(), "atezolizumab").therapy.label  # doctest: +SKIP
'atezolizumab'
"""

from tmekg.reasoning.blocking import affected, block, needs, tumor_sign
from tmekg.reasoning.classify import Classified, by_hijacked_function, classify, conflicts
from tmekg.reasoning.combine import Combination, combine
from tmekg.reasoning.paths import Hop, PathResult, SignedPath, find_paths, signed_paths
from tmekg.reasoning.signed import EVIDENCE_WEIGHT, signed_graph
from tmekg.reasoning.therapy_answer import DrugMade, Effect, EscapeRoute, Need, NetEffect, Partner, TherapyAnswer
from tmekg.reasoning.trials import trial_line, trials_of

__all__ = [
    "EVIDENCE_WEIGHT",
    "Classified",
    "Combination",
    "DrugMade",
    "Effect",
    "EscapeRoute",
    "Hop",
    "Need",
    "NetEffect",
    "Partner",
    "PathResult",
    "SignedPath",
    "TherapyAnswer",
    "affected",
    "block",
    "by_hijacked_function",
    "classify",
    "combine",
    "conflicts",
    "find_paths",
    "needs",
    "signed_graph",
    "signed_paths",
    "trial_line",
    "trials_of",
    "tumor_sign",
]
