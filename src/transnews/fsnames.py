"""The names transnews gives its own files in a user's folder, in one place: the writer
(:mod:`transnews.fsio`) and the readers that must recognise them without importing it
(:func:`transnews.manifest.unchanged_catalogs`, run before anything heavy is loaded)."""

LOCK_NAME = ".transnews.lock"  # fsio.FolderLock
BATCH_PREFIX = ".transnews-batch-"  # fsio's journal of a multi-file write: <prefix><pid>-<n>.json
