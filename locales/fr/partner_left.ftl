# The partner_left email (templates/partner_left.*.j2).
