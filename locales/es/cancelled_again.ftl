# The cancelled_again email (templates/cancelled_again.*.j2).
