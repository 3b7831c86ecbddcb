# The pause_ended email (templates/pause_ended.*.j2).
