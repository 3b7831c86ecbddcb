join-approved-subject = Bienvenue dans { $program }
join-approved-in = Bienvenue dans { $program } : votre participation est confirmée, en tant que { $role ->
    [mentor] mentor
   *[other] mentoré
}.
join-approved-new-partner = Vous serez mis en binôme avec une personne disponible dès qu'une personne compatible se présente, en général dans la journée ; un e-mail de présentation vous dira avec qui.
join-approved-next-round = Vous serez mis en binôme au prochain tour, le { $day } ; un e-mail de présentation vous dira avec qui.
join-approved-no-more-rounds = Aucun autre tour n'est prévu avant la fin du programme ; { $coordinator } vous préviendra si un partenaire se libère.
join-approved-help = D'ici là, vous n'avez rien à faire. Répondez AIDE à tout moment pour voir ce que vous pouvez écrire au programme.
