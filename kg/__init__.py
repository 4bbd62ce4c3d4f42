"""geokg: a dated knowledge graph of geopolitical actors, built from news articles."""
from __future__ import annotations

__version__ = "0.1.0"
