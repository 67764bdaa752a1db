"""Pages for readers outside the analysis: the summary per municipality ("Wat betekent dit voor onze
gemeente") and the glossary of terms (begrippen)."""
