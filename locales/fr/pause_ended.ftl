pause-ended-subject = { $program } : votre pause est terminée
pause-ended-body = Votre pause a pris fin le { $on }, comme vous l'aviez demandé : les questions et les rappels reprennent.
pause-ended-more = Si vous avez besoin de plus de temps, répondez PAUSE (ou PAUSE UNTIL suivi d'une date, AAAA-MM-JJ) seul sur la première ligne. Pour quitter le programme, répondez ARRÊTER.
