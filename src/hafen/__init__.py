"""hafen: a source-linked knowledge graph of a region's innovation ecosystem."""

from hafen.document import Document, Entity, Figure, Mention, Relation, Segment, Table

__version__ = "0.1.0"

__all__ = ["Document", "Entity", "Figure", "Mention", "Relation", "Segment", "Table", "__version__"]
