"""From a single-cell study to therapies: annotate LIANA+, CellChat and CellPhoneDB results with curated knowledge.

>>> import tmekg
>>> table = tmekg.annotate("liana_res.csv")  # doctest: +SKIP
"""

from tmekg.singlecell.annotate import LEVELS, Annotation, annotate, annotate_study
from tmekg.singlecell.formats import Format, detect, read_results, to_long

__all__ = ["LEVELS", "Annotation", "Format", "annotate", "annotate_study", "detect", "read_results", "to_long"]
