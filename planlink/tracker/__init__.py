"""The public tracker's reads (``selectors.tracker_story``): one story per area, no HTTP."""
