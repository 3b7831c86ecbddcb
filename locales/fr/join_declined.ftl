# The join_declined email (templates/join_declined.*.j2).
