# The intro email (templates/intro.*.j2).
