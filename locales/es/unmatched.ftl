# The unmatched email (templates/unmatched.*.j2).
