# The meeting_cancelled email (templates/meeting_cancelled.*.j2).
