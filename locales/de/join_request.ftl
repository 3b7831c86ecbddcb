# The join_request email (templates/join_request.*.j2).
