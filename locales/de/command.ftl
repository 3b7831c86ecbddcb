# The command email (templates/command.*.j2).
