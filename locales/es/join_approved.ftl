# The join_approved email (templates/join_approved.*.j2).
