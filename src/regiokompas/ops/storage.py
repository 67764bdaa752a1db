"""Static files with a content hash in their names (cacheable forever), compressed by WhiteNoise."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage, except that a file which is not installed keeps its plain name
    (and answers 404) instead of breaking every page: the NL Design System CSS is optional (npm)."""

    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        if content is None and not self.exists(self.clean_name(name)):
            return name
        return super().hashed_name(name, content, filename)
