"""Loaders and indexes of what eventwire knows: the ``gazetteer``, the ``actors`` knowledge base, the trigger
``lexicon``; their tuned numbers are in ``tuning``. Data files are read through :mod:`eventwire.data`."""
