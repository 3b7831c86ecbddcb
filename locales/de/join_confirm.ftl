# The join_confirm email (templates/join_confirm.*.j2).
