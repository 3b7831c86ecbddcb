# The confirmation email (templates/confirmation.*.j2).
