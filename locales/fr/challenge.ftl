challenge-subject = { $program } : est-ce bien vous qui avez envoyé ceci ?
challenge-subject-forget = { $program } : merci de confirmer OUBLIEZ-MOI
challenge-forget-received = Nous avons reçu OUBLIEZ-MOI depuis votre adresse le { $day }. Avant de supprimer quoi que ce soit, merci de confirmer :
challenge-forget-reply = répondez à cet e-mail avec OUBLIEZ-MOI
challenge-forget-within = dans un délai de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}.
challenge-forget-then = Nous supprimerons alors votre nom, votre adresse, vos notes et les messages que vous nous avez envoyés, ne garderons que des chiffres anonymes et ne vous enverrons plus rien. Sans confirmation de votre part, rien ne change.
challenge-received = Nous avons reçu un message depuis votre adresse le { $day } : { $what }. Nous ne pouvons pas être certains qu'il vienne de vous, donc rien n'en a encore été fait.
challenge-received-subject = Nous avons reçu un message depuis votre adresse le { $day } (« { $subject } ») : { $what }. Nous ne pouvons pas être certains qu'il vienne de vous, donc rien n'en a encore été fait.
challenge-what-command = la commande { $command }
challenge-what-met = le compte rendu d'une rencontre avec votre binôme
challenge-what-not-met = un message indiquant que vous et votre binôme ne vous êtes pas vus
challenge-what-report = un compte rendu sur votre binôme
challenge-what-message = un message concernant votre binôme
challenge-if-sent = Si c'est bien vous,
challenge-reply = répondez à cet e-mail
challenge-if-sent-then = (un simple « oui » suffit) dans un délai de { $days ->
    [one] { $days } jour
   *[other] { $days } jours
} et nous l'appliquerons.
challenge-not-sent = Si ce n'est pas vous, répondez NON, ou ignorez cet e-mail : rien ne changera.
challenge-once = Seules les réponses à cet e-mail précis comptent, et chacune ne fonctionne qu'une fois.
