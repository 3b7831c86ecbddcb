# The partner_paused email (templates/partner_paused.*.j2).
