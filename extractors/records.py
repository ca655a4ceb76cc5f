"""The records extractors return. Plain dataclasses: extractors make them, pipeline/ writes them.

Every record read from a page carries that page (1-based); the pipeline adds the document_id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .organisations import Organisation


@dataclass(frozen=True)
class ScoreObservation:
    """One number printed in a report: an area score, or a total when `area` is None."""

    organisation: Organisation  # whose score it is (the report's own, an earlier one, a peer)
    year: int | None
    area: int | None
    scale: str  # "new" or "old"
    value: float | None  # None for a printed not-assessed mark ("–", "0 *)", empty)
    role: str  # primary · history · peer · average
    page: int
    table: str | None = None  # caption or heading as printed
    label: str | None = None  # area label as printed
    framework: str | None = None
    strategy: str = ""  # which score strategy read it (provenance for debugging)


@dataclass(frozen=True)
class Finding:
    """One Styrkor / Förbättringsområden item."""

    kind: str  # strength · improvement
    area: int | None
    position: int
    text: str
    page: int
    heading: str | None = None  # the list heading as printed


@dataclass(frozen=True)
class Check:
    """A validation finding; never a silent fix. One row of checks.parquet."""

    code: str  # snake_case reason, e.g. sum_mismatch
    severity: str  # info · warning · error
    detail: str
    page: int | None = None
    evaluation_id: str | None = None
    document_id: str | None = None


@dataclass
class Metadata:
    """What the cover and title pages say about the evaluation."""

    organisation: Organisation | None = None
    organisation_printed: str | None = None
    country: str = "SE"  # SE · NO
    year: int | None = None
    evaluators: list[str] = field(default_factory=list)
    page: int | None = None
    organisation_cue: str | None = None  # which cue decided: title · cover_date · cover_visit · cover ·
    year_cue: str | None = None  # running_header · results · pdf_title · file_name · url (extractors.metadata)
