# The pause_ended email (templates/pause_ended.*.j2).
pause-ended-subject = { $program }: your pause is over
pause-ended-body = Your pause ended on { $on }, as you asked: prompts and reminders start again.
pause-ended-more = If you need more time, reply PAUSE (or PAUSE UNTIL a date) alone on the first line. To leave the program, reply STOP.
