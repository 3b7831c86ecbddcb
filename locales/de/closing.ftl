# The closing email (templates/closing.*.j2).
