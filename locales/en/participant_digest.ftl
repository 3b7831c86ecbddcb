# The participant_digest email (templates/participant_digest.*.j2).
