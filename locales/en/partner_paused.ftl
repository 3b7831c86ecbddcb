# The partner_paused email (templates/partner_paused.*.j2).
partner-paused-subject = { $program }: { $first } is taking a break
partner-paused-until = { $first } is taking a break from { $program } until { $until }.
partner-paused-a-while = { $first } is taking a break from { $program } for a while.
partner-paused-not-you = This is nothing you did: people pause for their own reasons, and we do not share them.
# Around the partner's address.
partner-paused-goes-on = Your pairing goes on. Until { $first } is back you will get no questions about your meetings; you can still write to
partner-paused-goes-on-after = whenever you like.
partner-paused-rematch = If you would rather have another partner now, reply REMATCH alone on the first line, or write to { $coordinator }.
