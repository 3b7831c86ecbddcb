# The hr_digest email (templates/hr_digest.*.j2).
