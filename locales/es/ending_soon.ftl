# The ending_soon email (templates/ending_soon.*.j2).
