"""The API names the checks key what they rest on by."""

SP, FP, MX = "sailpoint-v2025", "flexprice", "maxsight-v5"
