# The relay email (templates/relay.*.j2).
