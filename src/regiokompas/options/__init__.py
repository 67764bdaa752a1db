"""Options analysis: variants, criteria, evidence-backed scores, preferences per municipality,
stored analysis runs and the substantiation report."""
