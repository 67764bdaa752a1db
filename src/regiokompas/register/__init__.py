"""The register: municipalities, organisations, joint arrangements, trajectories, gates, decisions."""
