# The challenge email (templates/challenge.*.j2).
