join-approved-subject = Welcome to { $program }
join-approved-in = Welcome to { $program }: you are in, as a { $role }.
join-approved-new-partner = You will be paired with someone free as soon as one fits, usually within the day; an introduction email will tell you who.
join-approved-next-round = You will be paired at the next round, on { $day }; an introduction email will tell you who.
join-approved-no-more-rounds = No more pairing rounds are planned before the program ends; { $coordinator } will tell you if a partner comes free.
join-approved-help = Nothing else to do until then. Reply HELP at any time to see what you can write to the program.
