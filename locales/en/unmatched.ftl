unmatched-subject = { $program }: no partner for you this round
unmatched-thanks = Thank you for joining { $program }. This round of pairing has left you without a partner, and we want you to know why rather than wonder.
unmatched-nobody-free = Nobody on the other side could be paired at this round.
unmatched-nobody-fits = Nobody free on the other side fits the program's pairing rules for you (such as department, level or shared working hours).
unmatched-taken = Everyone who would fit you well already has a partner this round.
unmatched-not-you = This says nothing about you.
unmatched-next-round = You will be paired at the next round, on { $day }, or sooner if someone who fits becomes free. There is nothing you need to do until then.
unmatched-no-more-rounds = No pairing round is left before the program ends on { $end }. If someone who fits becomes free, we will pair you; you can also write to { $coordinator }.
