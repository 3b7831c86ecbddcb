# The prompt email (templates/prompt.*.j2).
prompt-subject = How are things going with { $names }?
# Between the last two names of a list.
prompt-and = and
prompt-intro = Did you meet { $partner } recently? Reply to this email and tell us how it went: what you learned from { $first }, and what you shared in return. Fill in the short form below, or just write in plain words: both work.
prompt-goals = Your goals together:
# The short form: its labels must be ones the program reads (src/inbound/text.rs, field_of),
# and "yes / no" words it reads (src/inbound/extract.rs, yes_no).
prompt-form-met = Met: yes / no
prompt-form-date = Date:
prompt-form-minutes = Minutes:
prompt-form-topics = Topics:
prompt-form-rating = Rating 1-5:
prompt-form-notes = Notes:
# Followed by the address of that pair, then prompt-also-after.
prompt-also = And { $partner }? To tell us about your meetings with { $first }, write to
prompt-also-after = with the same short form (or in plain words), so that it is logged for the two of you.
prompt-goals-with = Your goals with { $first }:
prompt-footer = Only what you write above your signature is read. Reply PAUSE, RESUME, SKIP, STOP or HELP at any time.
