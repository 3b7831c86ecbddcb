# The prompt email (templates/prompt.*.j2).
