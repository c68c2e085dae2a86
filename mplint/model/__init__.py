"""The data that flows through mplint, and nothing heavy.

files -> Document (data + positions) -> Spec (a CreateModelPackage request inside a document)
-> Finding -> filters -> FileReport -> reporter. `limits` holds the bounds on what is read,
`locations` how a file is named relative to the repository root.
"""

from mplint.model.document import Document, MaybeAbsent, Path, Span, Spec, Unknown
from mplint.model.finding import FileReport, Finding, Level
from mplint.model.kinds import Kind

__all__ = [
    "Document", "FileReport", "Finding", "Kind", "Level", "MaybeAbsent", "Path", "Span", "Spec",
    "Unknown",
]  # fmt: skip
