"""Rules that span records: unique ids, no dangling references, kinds that fit, outcomes that agree.

:func:`check` returns problems (errors and warnings); it never raises on bad data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from tmekg.actions import spec
from tmekg.errors import Problem
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Molecule, Participant, Process
from tmekg.vocab import TUMOR_GROWTH, EntityKind, MoleculeType, Role, TumorOutcome, derive_outcome

__all__ = ["Where", "check", "derived_outcome", "sign_conflicts"]

#: Maps (table, record key) to (file, row) for messages.
Where = Callable[[str, str], tuple[str, int]]


def _nowhere(table: str, key: str) -> tuple[str, int]:
    return f"{table}.csv", 0


def derived_outcome(interaction: Interaction, process: Process) -> TumorOutcome:
    """The outcome the signs imply: effect x polarity, + is pro-tumor.

    >>> from tmekg.model import Process
    >>> p = Process(id="tmekg:angiogenesis", label="angiogenesis", polarity=1, description="x")
    >>> i = Interaction(id="tmekg:i", ligand="HGNC:12680", process=p.id, effect=1, mechanism="binding",
    ...     tumor_outcome="pro_tumor", hijacked_function="tmekg:fn_wound_repair", species=("human",),
    ...     evidence=("PMID:1",), evidence_level="review", confidence="high", summary="x")
    >>> derived_outcome(i, p).value
    'pro_tumor'
    """
    return derive_outcome(interaction.effect, process.polarity)


def check(kg: KnowledgeGraph, where: Where = _nowhere) -> list[Problem]:
    """Every cross-record problem in ``kg``, errors and warnings, sorted by place."""
    problems: list[Problem] = []

    def report(table: str, key: str, column: str, message: str, hint: str = "", severity: str = "error") -> None:
        file, row = where(table, key)
        problems.append(Problem(file, row, column, message, hint, severity))

    _unique(kg, report)
    _interactions(kg, report)
    _conflicts(kg, report)
    _therapy_actions(kg, report)
    _requirements(kg, report)
    _trials(kg, report)
    _entities(kg, report)
    _functions(kg, report)
    _references(kg, report)
    _lookalike_names(kg, report)
    return sorted(problems)


Report = Callable[..., None]


def _unique(kg: KnowledgeGraph, report: Report) -> None:
    tables: list[tuple[str, Iterable[str]]] = [
        ("cell_types", (e.id for e in kg.cell_types)),
        ("molecules", (e.id for e in kg.molecules)),
        ("processes", (e.id for e in kg.processes)),
        ("therapies", (e.id for e in kg.therapies)),
        ("cancers", (e.id for e in kg.cancers)),
        ("references", (r.id for r in kg.references)),
        ("interactions", (i.id for i in kg.interactions)),
        ("trials", (t.id for t in kg.trials)),
        ("functions", (f.id for f in kg.functions)),
    ]
    owner: dict[str, tuple[str, str]] = {}  # casefolded id -> (table, id as written)
    for table, ids in tables:
        for key in ids:
            folded = key.casefold()
            if folded in owner:
                other, first = owner[folded]
                where = "in the same table" if other == table else f"in {other}.csv"
                if first == key:
                    report(table, key, "id", f"duplicate id {key} (already {where})", "give each record its own id")
                else:
                    report(
                        table,
                        key,
                        "id",
                        f"id {key} differs from {first} ({where}) only in case",
                        "ids are compared case-insensitively: give each record an id of its own",
                    )
            else:
                owner[folded] = (table, key)
    counts = Counter(a.id for a in kg.therapy_actions)
    for key, n in counts.items():
        if n > 1:
            therapy, _, target = key.partition("|")
            report(
                "therapy_actions",
                key,
                "target",
                f"{therapy} acts on {target} {n} times",
                "keep one row per therapy and target",
            )
    for key, n in Counter(r.key for r in kg.requirements).items():
        if n > 1:
            report("requirements", key, "requires", f"requirement {key} is listed {n} times", "keep one row")


def _interactions(kg: KnowledgeGraph, report: Report) -> None:
    cells = {c.id for c in kg.cell_types}
    molecules = {m.id: m for m in kg.molecules}
    processes = {p.id: p for p in kg.processes}
    cancers = {c.id for c in kg.cancers}
    references = {r.id for r in kg.references}
    metabolites = {m for m, found in molecules.items() if found.molecule_type is MoleculeType.METABOLITE}
    outcome = {(p.id, effect): derive_outcome(effect, p.polarity) for p in processes.values() for effect in (1, -1)}
    functions = {f.id for f in kg.functions}
    context_dependent = TumorOutcome.CONTEXT_DEPENDENT
    for inter in kg.interactions:
        # the common case at once: every id known, the receptor no metabolite, the outcome the signs give
        source, target, ligand, receptor_id = inter.source, inter.target, inter.ligand, inter.receptor
        if (
            (not source or source in cells)
            and (not target or target in cells)
            and (not ligand or ligand in molecules)
            and (not receptor_id or (receptor_id in molecules and receptor_id not in metabolites))
            and all(m in molecules for m in inter.mediators)
            and all(c in cancers for c in inter.contexts)
            and all(r in references for r in inter.evidence)
            and (not inter.hijacked_function or inter.hijacked_function in functions)
            and inter.process in processes
            and (
                inter.tumor_outcome is context_dependent
                or outcome[(inter.process, inter.effect)] is inter.tumor_outcome
            )
        ):
            continue
        key = inter.id

        def dangling(column: str, value: str, table: str, key: str = key) -> None:
            report(
                "interactions", key, column, f"{value} is not in {table}.csv", f"add it to {table}.csv or fix the id"
            )

        for column in ("source", "target"):
            value = getattr(inter, column)
            if value and value not in cells:
                dangling(column, value, "cell_types")
        for column in ("ligand", "receptor"):
            value = getattr(inter, column)
            if value and value not in molecules:
                dangling(column, value, "molecules")
        for value in inter.mediators:
            if value not in molecules:
                dangling("mediators", value, "molecules")
        receptor = molecules.get(inter.receptor or "")
        if receptor is not None and receptor.molecule_type is MoleculeType.METABOLITE:
            report(
                "interactions",
                key,
                "receptor",
                f"{receptor.label} is a metabolite, not a receptor",
                "put the metabolite in ligand or mediators and its receptor protein in receptor",
            )
        for value in inter.contexts:
            if value not in cancers:
                dangling("contexts", value, "cancers")
        for value in inter.evidence:
            if value not in references:
                dangling("evidence", value, "references")
        if inter.hijacked_function and kg.function(inter.hijacked_function) is None:
            dangling("hijacked_function", inter.hijacked_function, "functions")
        process = processes.get(inter.process)
        if process is None:
            dangling("process", inter.process, "processes")
            continue
        if inter.tumor_outcome is not TumorOutcome.CONTEXT_DEPENDENT:
            derived = derived_outcome(inter, process)
            if derived is not inter.tumor_outcome:
                report(
                    "interactions",
                    key,
                    "tumor_outcome",
                    f"curated {inter.tumor_outcome.value} disagrees with effect {inter.effect:+d} on "
                    f"'{process.label}' (polarity {process.polarity:+d}), which gives {derived.value}",
                    "fix the effect, the process or the outcome, or mark it context_dependent with an outcome_note",
                )


def _therapy_actions(kg: KnowledgeGraph, report: Report) -> None:
    therapies = {t.id for t in kg.therapies}
    cells = {c.id for c in kg.cell_types}
    molecules: dict[str, Molecule] = {m.id: m for m in kg.molecules}
    processes = {p.id for p in kg.processes}
    references = {r.id for r in kg.references}
    for action in kg.therapy_actions:
        key = action.id
        if action.therapy not in therapies:
            report(
                "therapy_actions",
                key,
                "therapy",
                f"{action.therapy} is not in therapies.csv",
                "add the therapy or fix the id",
            )
        _target_kind(action.action, action.target, cells, molecules, report, "therapy_actions", key)
        for cell in action.effector:
            if cell not in cells:
                report("therapy_actions", key, "effector", f"{cell} is not in cell_types.csv", "add it or fix the id")
        if action.process and action.process not in processes:
            report(
                "therapy_actions", key, "process", f"{action.process} is not in processes.csv", "add it or fix the id"
            )
        for value in action.evidence:
            if value not in references:
                report(
                    "therapy_actions",
                    key,
                    "evidence",
                    f"{value} is not in references.csv",
                    "add the reference or fix the id",
                )


def _target_kind(
    action: object, target: str, cells: set[str], molecules: dict[str, Molecule], report: Report, table: str, key: str
) -> None:
    from tmekg.vocab import Action

    assert isinstance(action, Action)
    kinds = spec(action).target_kinds
    if target not in cells and target not in molecules:
        report(
            table,
            key,
            "target",
            f"{target} is neither a molecule nor a cell type",
            "add it to molecules.csv or cell_types.csv",
        )
        return
    kind = EntityKind.CELL_TYPE if target in cells else EntityKind.MOLECULE
    if kind not in kinds:
        wanted = " or ".join(sorted(k.value.replace("_", " ") for k in kinds))
        hint = (
            "use 'depletes' for a cell population"
            if kind is EntityKind.CELL_TYPE
            else "target the cell type that expresses it"
        )
        report(
            table,
            key,
            "action",
            f"'{action.value}' acts on a {wanted}, but {target} is a {kind.value.replace('_', ' ')}",
            hint,
        )


def _requirements(kg: KnowledgeGraph, report: Report) -> None:
    cells = {c.id for c in kg.cell_types}
    molecules: dict[str, Molecule] = {m.id: m for m in kg.molecules}
    references = {r.id for r in kg.references}
    used = {(a.action, a.target) for a in kg.therapy_actions}
    for req in kg.requirements:
        key = req.key
        _target_kind(req.action, req.target, cells, molecules, report, "requirements", key)
        if req.requires not in cells and req.requires not in molecules:
            report(
                "requirements",
                key,
                "requires",
                f"{req.requires} is neither a molecule nor a cell type",
                "add it or fix the id",
            )
        for value in req.evidence:
            if value not in references:
                report(
                    "requirements",
                    key,
                    "evidence",
                    f"{value} is not in references.csv",
                    "add the reference or fix the id",
                )
        if (req.action, req.target) not in used:
            report(
                "requirements",
                key,
                "target",
                f"no therapy {req.action.value} {req.target}, so this requirement applies to nothing",
                "fix the action or target, or remove the row",
                "warning",
            )


def _trials(kg: KnowledgeGraph, report: Report) -> None:
    therapies = {t.id for t in kg.therapies}
    cancers = {c.id for c in kg.cancers}
    references = {r.id for r in kg.references}
    for trial in kg.trials:
        for column, values, known, table in (
            ("experimental", trial.experimental, therapies, "therapies"),
            ("comparator", trial.comparator, therapies, "therapies"),
            ("cancers", trial.cancers, cancers, "cancers"),
            ("publications", trial.publications, references, "references"),
        ):
            for value in values:
                if value not in known:
                    report(
                        "trials",
                        trial.id,
                        column,
                        f"{value} is not in {table}.csv",
                        f"add it to {table}.csv or fix the id",
                    )


def _entities(kg: KnowledgeGraph, report: Report) -> None:
    molecules = {m.id: m for m in kg.molecules}
    for molecule in kg.molecules:
        for sub in molecule.subunits:
            found = molecules.get(sub)
            if found is None:
                report(
                    "molecules",
                    molecule.id,
                    "subunits",
                    f"subunit {sub} is not in molecules.csv",
                    "add the protein row",
                )
            elif found.molecule_type is not MoleculeType.PROTEIN:
                report(
                    "molecules",
                    molecule.id,
                    "subunits",
                    f"subunit {sub} is a {found.molecule_type.value}",
                    "complexes are made of proteins",
                )
    for molecule in kg.molecules:
        if molecule.form_of:
            parent = molecules.get(molecule.form_of)
            if parent is None:
                report(
                    "molecules",
                    molecule.id,
                    "form_of",
                    f"{molecule.form_of} is not in molecules.csv",
                    "add the protein row",
                )
            elif parent.molecule_type not in (MoleculeType.PROTEIN, MoleculeType.COMPLEX):
                report(
                    "molecules",
                    molecule.id,
                    "form_of",
                    f"{molecule.form_of} is a {parent.molecule_type.value}",
                    "a form is a form of a protein or a complex",
                )
        for enzyme in molecule.made_by:
            if enzyme not in molecules:
                report("molecules", molecule.id, "made_by", f"{enzyme} is not in molecules.csv", "add the enzyme row")
    up: dict[str, str | None] = {c.id: c.broader for c in kg.cell_types}
    for cell in kg.cell_types:
        if cell.broader and cell.broader not in up:
            report(
                "cell_types", cell.id, "broader", f"{cell.broader} is not in cell_types.csv", "add the parent cell type"
            )
            continue
        seen, node = {cell.id}, cell.broader
        while node and node in up and node not in seen:
            seen.add(node)
            node = up[node]
        if node in seen:
            report("cell_types", cell.id, "broader", f"the broader chain of {cell.id} loops", "break the cycle")
        elif cell.id.startswith("tmekg:") and not any(s.startswith("CL:") for s in seen):
            report(
                "cell_types",
                cell.id,
                "broader",
                f"the broader chain of {cell.id} never reaches a CL term",
                "end it at a CL cell type",
            )
    cancer_ids = {c.id for c in kg.cancers}
    for cancer in kg.cancers:
        for broader in cancer.broader:
            if broader not in cancer_ids:
                report(
                    "cancers",
                    cancer.id,
                    "broader",
                    f"{broader} is not in cancers.csv",
                    "add the broader cancer or drop it",
                )
    symbols = Counter(m.symbol for m in kg.molecules if m.symbol)
    for molecule in kg.molecules:
        if molecule.symbol and symbols[molecule.symbol] > 1:
            report(
                "molecules",
                molecule.id,
                "symbol",
                f"symbol {molecule.symbol} is used by several rows",
                "one row per gene",
            )
    if kg.processes and not any(p.id == TUMOR_GROWTH for p in kg.processes):
        report(
            "processes",
            TUMOR_GROWTH,
            "id",
            f"no {TUMOR_GROWTH} process, the sink of signed paths",
            f"add {TUMOR_GROWTH} with polarity +1",
            "warning",
        )


def _functions(kg: KnowledgeGraph, report: Report) -> None:
    used = {i.hijacked_function for i in kg.interactions}
    for function in kg.functions:
        if function.id not in used:
            report("functions", function.id, "id", f"{function.id} is hijacked by no interaction", "", "warning")


def _references(kg: KnowledgeGraph, report: Report) -> None:
    used = {r for i in kg.interactions for r in i.evidence} | {r for a in kg.therapy_actions for r in a.evidence}
    used |= {r for q in kg.requirements for r in q.evidence} | {r for t in kg.trials for r in t.publications}
    for ref in kg.references:
        if not ref.confirmed:
            report(
                "references",
                ref.id,
                "checked_against",
                f"{ref.id} is unconfirmed",
                "confirm the identifier and say where in checked_against",
                "warning",
            )
        if ref.id not in used:
            report("references", ref.id, "id", f"{ref.id} is cited by nothing", "remove it or cite it", "warning")


_ROLE_COLUMN = {Role.LIGAND: "ligand", Role.RECEPTOR: "receptor", Role.MEDIATOR: "mediators"}


def sign_conflicts(kg: KnowledgeGraph) -> list[tuple[str, str, Interaction, Interaction]]:
    """Rows in which one molecule has opposite own signs toward one process (qualifiers applied).

    Each item is ``(molecule, process, first row, second row)``: for every row and molecule, one counterpart row
    without an ``outcome_note`` when there is one (an error unless the row itself explains), and one with a note
    (a tolerated conflict, for ``interactions --conflicts``). Rows marked ``context_dependent`` take no part, and
    two rows are not compared when the sign follows a partner: the molecule is a ligand engaging different
    receptors (CD80 through CD28 or CTLA-4), or a ligand in one row and a receptor in the other (HVEM). Linear in
    the number of participants: rows are bucketed by role and sign, not compared pair by pair.
    """
    return conflicts_among(_both_signs(kg.interactions))


def conflicts_among(
    rows: Iterable[tuple[Interaction, Iterable[Participant]]],
) -> list[tuple[str, str, Interaction, Interaction]]:
    """The conflicts of :func:`sign_conflicts` among the given rows and, for each, the participants that may
    conflict (``sign_conflicts`` passes the ones its first pass over plain ids kept; every participant of every
    row that is not context-dependent gives the same answer, only slower)."""
    # (molecule, process) -> role bucket -> sign -> (rows without a note, rows with one)
    Buckets = dict[str, dict[int, tuple[list[Interaction], list[Interaction]]]]
    seen: dict[tuple[str, str], Buckets] = defaultdict(dict)
    for inter, parts in rows:
        for part in parts:
            bucket = _bucket(part.role, inter.receptor)
            by_sign = seen[(part.molecule, inter.process)].setdefault(bucket, {})
            pair = by_sign.setdefault(inter.sign_of(part.molecule), ([], []))
            pair[1 if inter.outcome_note else 0].append(inter)
    found: dict[tuple[str, str, str, str], tuple[str, str, Interaction, Interaction]] = {}
    for (molecule, process), buckets in seen.items():
        for bucket, by_sign in buckets.items():
            for sign, (plain, noted) in by_sign.items():
                opposite = [buckets[b].get(-sign, ([], [])) for b in _counterparts(bucket, buckets)]
                plain_other = next((i for rows, _ in opposite for i in rows), None)
                noted_other = next((i for _, rows in opposite for i in rows), None)
                for inter in (*plain, *noted):
                    for other in (plain_other, noted_other):
                        if other is not None and other.id != inter.id:
                            first, second = sorted((inter, other), key=lambda i: i.id)
                            found.setdefault(
                                (molecule, process, first.id, second.id), (molecule, process, first, second)
                            )
    return [found[key] for key in sorted(found)]


def _both_signs(interactions: Iterable[Interaction]) -> list[tuple[Interaction, list[Participant]]]:
    """The rows (not context-dependent) with those of their participants that may conflict: a first pass over plain
    ids (no participant objects) collects, per (molecule, process), the own signs seen in each role bucket, and
    keeps the keys where some bucket meets the opposite sign in one of its counterparts (:func:`_counterparts`).
    At 10^5 rows almost every key has one sign per bucket pairing; this keeps :func:`sign_conflicts` linear and
    cheap, with the same result (keys are independent of one another)."""
    rows = [i for i in interactions if i.tumor_outcome is not TumorOutcome.CONTEXT_DEPENDENT]
    # (molecule, process, bucket) -> bits (1: some row gives +, 2: some row gives -)
    seen: dict[tuple[str, str, str], int] = {}
    get = seen.get
    for inter in rows:
        process, ligand, receptor = inter.process, inter.ligand, inter.receptor
        if inter.directions:  # a qualified row: each molecule's own sign
            for part in inter.participants:
                key = (part.molecule, process, _bucket(part.role, receptor))
                seen[key] = get(key, 0) | (1 if inter.sign_of(part.molecule) > 0 else 2)
            continue
        bit = 1 if inter.effect > 0 else 2
        if ligand:
            key = (ligand, process, "ligand>" + receptor if receptor else "ligand")
            seen[key] = get(key, 0) | bit
        if receptor:
            key = (receptor, process, "receptor")
            seen[key] = get(key, 0) | bit
        for molecule in inter.mediators:
            if molecule != ligand and molecule != receptor:
                key = (molecule, process, "mediator")
                seen[key] = get(key, 0) | bit
    signs: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (molecule, process, bucket), bits in seen.items():
        signs[(molecule, process)][bucket] = bits
    both: set[tuple[str, str]] = set()
    for pair, buckets in signs.items():
        if len(buckets) == 1 and next(iter(buckets.values())) != 3:
            continue
        for bucket, bits in buckets.items():
            opposite = 3 - bits if bits != 3 else 3
            if any(buckets[other] & opposite for other in _counterparts(bucket, buckets)):
                both.add(pair)
                break
    if not both:
        return []
    out = []
    for inter in rows:
        process = inter.process
        if any((m, process) in both for m in (inter.ligand, inter.receptor, *inter.mediators) if m):
            out.append((inter, [p for p in inter.participants if (p.molecule, process) in both]))
    return out


def _bucket(role: Role, receptor: str | None) -> str:
    """How a participant's sign is compared: a ligand engaging a receptor is compared per receptor."""
    if role is Role.LIGAND:
        return f"ligand>{receptor}" if receptor else "ligand"
    return role.value


def _counterparts(bucket: str, buckets: dict[str, Any]) -> list[str]:
    """The role buckets of one molecule that must agree in sign with ``bucket`` (see :func:`sign_conflicts`):
    a receptor with receptors and mediators; a ligand engaging a receptor with the same pairing, mediators and
    ligands with no receptor; a ligand with no receptor and a mediator with every ligand bucket too."""
    if bucket == Role.RECEPTOR.value:
        wanted = [Role.RECEPTOR.value, Role.MEDIATOR.value]
    elif ">" in bucket:
        wanted = [bucket, Role.MEDIATOR.value, Role.LIGAND.value]
    else:
        wanted = [b for b in buckets if b != Role.RECEPTOR.value or bucket == Role.MEDIATOR.value]
    return [b for b in wanted if b in buckets]


def _conflicts(kg: KnowledgeGraph, report: Report) -> None:
    """A molecule may not push a process both ways unless a row explains why (``outcome_note``)."""
    for molecule, process, first, second in sign_conflicts(kg):
        if first.outcome_note or second.outcome_note:
            continue
        part = second.participant(molecule)
        column = _ROLE_COLUMN[part.role] if part else "mediators"
        name, proc = kg.label(molecule), kg.label(process)
        report(
            "interactions",
            second.id,
            column,
            f"{name} ({molecule}) {_verb(second.sign_of(molecule))} '{proc}' here but "
            f"{_verb(first.sign_of(molecule))} it in {first.id}",
            "if one row is about its loss or decrease, say so in `directions`; if it is another form (soluble, shed), "
            "use that form's molecule; if both hold, explain in `outcome_note` or mark the row context_dependent",
        )


_TABLE_OF_KIND = {
    EntityKind.CELL_TYPE: "cell_types",
    EntityKind.MOLECULE: "molecules",
    EntityKind.PROCESS: "processes",
    EntityKind.THERAPY: "therapies",
    EntityKind.CANCER: "cancers",
}


def _lookalike_names(kg: KnowledgeGraph, report: Report) -> None:
    """A name with non-ASCII characters that looks like another entity's name (Cyrillic 'Р' for Latin 'P', a
    Unicode hyphen for '-', fullwidth letters) but is spelled differently: users typing the name reach only one of
    the two, and cannot tell them apart on screen (Unicode TR39 confusables, :func:`tmekg.text.skeleton`)."""
    from tmekg.text import differing_character, skeleton

    names: list[tuple[str, str, str, str]] = []  # (name, entity id, column, table)
    for entity in kg.entities():
        table = _TABLE_OF_KIND[entity.kind]
        names.append((entity.label, entity.id, "label", table))
        symbol = getattr(entity, "symbol", None)
        if symbol:
            names.append((symbol, entity.id, "symbol", table))
        names.extend((synonym, entity.id, "synonyms", table) for synonym in entity.synonyms)
    if all(name.isascii() for name, *_ in names):
        return
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)  # skeleton -> [(name, entity id)]
    for name, entity_id, _, _ in names:
        seen[skeleton(name)].append((name, entity_id))
    for name, entity_id, column, table in names:
        if name.isascii():
            continue
        for other, other_id in seen[skeleton(name)]:
            if other_id != entity_id and other.casefold() != name.casefold():
                report(
                    table,
                    entity_id,
                    column,
                    f"name {name!r} looks like {other!r} of {other_id} but is spelled with "
                    f"{differing_character(name, other)}",
                    "spell both the same way (the name is then ambiguous and lookups list both) or choose a distinct "
                    "name",
                )
                break


def _verb(sign: int) -> str:
    return "increases" if sign > 0 else "decreases"
