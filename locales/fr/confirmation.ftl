confirmation-subject-meeting = Enregistré : votre rencontre avec { $first }
confirmation-subject-update = Enregistré : votre retour concernant { $first }
confirmation-thanks = Merci.
confirmation-correction = Nous avons compris votre message comme une correction de votre compte rendu précédent et n'avons modifié que ce que vous avez écrit. Le compte rendu est désormais le suivant :
confirmation-retraction = Nous avons compris que vous ne vous étiez finalement pas rencontrés : cette rencontre est marquée comme n'ayant pas eu lieu (elle reste dans l'historique, mais hors des statistiques).
confirmation-logged = Voici ce que nous avons enregistré :
confirmation-met-yes = Rencontre : oui
confirmation-met-not-yet = Rencontre : pas encore
confirmation-date = Date : { $value }
confirmation-minutes = Durée (minutes) : { $value }
confirmation-topics = Sujets : { $value }
confirmation-rating = Évaluation : { $value }
confirmation-not-given = non précisé
confirmation-wrong = Si quelque chose est inexact, répondez à cet e-mail avec la correction.
confirmation-unclear = Nous n'avons pas pu lire dans votre message { $what } : merci de nous { $count ->
    [one] l'indiquer
   *[other] les indiquer
} en réponse.
confirmation-unclear-met = si vous vous êtes vus
confirmation-unclear-date = la date
confirmation-unclear-minutes = la durée de la rencontre
confirmation-unclear-rating = votre évaluation
confirmation-or = ni
confirmation-also-asked = Vous avez aussi demandé { $command ->
    [PAUSE] une pause
    [SKIP] à sauter une question
    [RESUME] à recevoir de nouveau nos e-mails
    [STOP] à quitter le programme
   *[REMATCH] un nouveau partenaire
} : un compte rendu ne le fait pas à lui seul. Pour cela, répondez avec { $write } seul sur la première ligne.
