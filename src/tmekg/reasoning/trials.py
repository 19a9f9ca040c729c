"""Clinical evidence beside the mechanism: the trials of a therapy or a combination, in a cancer.

A trial is relevant to a cancer when one of its cancers is that cancer, subsumes it or is subsumed by it
(``broader`` in the cancer table); with no cancer, every trial is relevant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tmekg.answers import entity_ref
from tmekg.kg import KnowledgeGraph
from tmekg.model import Trial
from tmekg.vocab import TrialPhase, TrialResult

__all__ = ["relevant", "trial_line", "trial_view", "trials_of"]

_RESULT_WORDS = {
    TrialResult.MET: "met its primary endpoint",
    TrialResult.NOT_MET: "did not meet its primary endpoint",
    TrialResult.MIXED: "met some of its primary endpoints",
    TrialResult.ONGOING: "is ongoing",
}


def relevant(kg: KnowledgeGraph, trial: Trial, cancer: str | None) -> bool:
    """Whether ``trial`` studied ``cancer``, a cancer that subsumes it or one it subsumes."""
    if cancer is None:
        return True
    related = {cancer} | kg.broader_cancers(cancer) | kg.narrower_cancers(cancer)
    return bool(related.intersection(trial.cancers))


def trials_of(kg: KnowledgeGraph, therapies: Iterable[str], cancer: str | None = None) -> list[Trial]:
    """Trials whose experimental arm gives all of ``therapies`` (together), relevant to ``cancer``; randomized
    and later-phase trials first."""
    wanted = frozenset(therapies)
    found = [t for t in kg.trials if wanted <= t.therapies and relevant(kg, t, cancer)]
    order = list(TrialPhase)
    return sorted(found, key=lambda t: (not t.randomized, -order.index(t.phase), t.name))


def trial_line(kg: KnowledgeGraph, trial: Trial) -> str:
    """``ECHO-301/KEYNOTE-252 (phase 3, randomized, melanoma) did not meet its primary endpoint``."""
    phase = trial.phase.value.replace("phase_", "phase ").replace("_", "/")
    design = "randomized" if trial.randomized else "single arm"
    cancers = ", ".join(kg.label(c) for c in trial.cancers)
    return f"{trial.name} ({phase}, {design}, {cancers}) {_RESULT_WORDS[trial.result]}"


def trial_view(kg: KnowledgeGraph, trial: Trial) -> dict[str, Any]:
    """A trial as a JSON object, therapies and cancers expanded."""
    return {
        "id": trial.id,
        "name": trial.name,
        "phase": trial.phase.value,
        "randomized": trial.randomized,
        "cancers": [entity_ref(kg, c) for c in trial.cancers],
        "experimental": [entity_ref(kg, t) for t in trial.experimental],
        "comparator": [entity_ref(kg, t) for t in trial.comparator],
        "comparator_note": trial.comparator_note,
        "endpoint": trial.endpoint,
        "result": trial.result.value,
        "result_note": trial.result_note,
        "publications": list(trial.publications),
        "summary": trial_line(kg, trial),
    }
