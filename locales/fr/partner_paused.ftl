partner-paused-subject = { $program } : { $first } fait une pause
partner-paused-until = { $first } fait une pause dans { $program } jusqu'au { $until }.
partner-paused-a-while = { $first } fait une pause dans { $program } pour quelque temps.
partner-paused-not-you = Vous n'y êtes pour rien : chacun fait une pause pour ses propres raisons, et nous ne les communiquons pas.
partner-paused-goes-on = Votre binôme continue. Jusqu'à ce que { $first } revienne, vous ne recevrez pas de questions sur vos rencontres ; vous pouvez toujours écrire à
partner-paused-goes-on-after = quand vous le souhaitez.
partner-paused-rematch = Si vous préférez avoir un autre binôme dès maintenant, répondez CHANGER DE BINÔME seul sur la première ligne, ou écrivez à { $coordinator }.
