# The forward email (templates/forward.*.j2).
