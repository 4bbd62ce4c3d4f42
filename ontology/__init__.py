"""geokg's data, installed as the package `kg.data`.

This folder is where the ontology, the relation lexicon, the gazetteer, the SHACL shapes and the
named queries are edited; pyproject.toml ships it inside the package as `kg.data`, and
`kg.settings` finds it with importlib.resources, so an installed geokg reads this same folder's
files from any directory. There is no second copy.
"""
