join-request-subject = { $program } : { $name } demande à participer comme { $role ->
    [mentor] mentor
   *[other] mentoré
}
join-request-hello = Bonjour,
join-request-asks = a écrit JOIN à { $program } et demande à participer. Ses réponses :
join-request-role = Rôle
join-request-as = { $role ->
    [mentor] mentor
   *[other] mentoré
}
join-request-department = Service
join-request-level = Niveau
join-request-teaches = Partage
join-request-learns = Souhaite apprendre
join-request-languages = Langues
join-request-timezone = Fuseau horaire
join-request-hours = Horaires
join-request-not-given = (non renseigné)
join-request-nothing-given = (rien d'indiqué)
join-request-approve-before = Pour accepter cette personne, répondez à cet e-mail avec
join-request-approve-after = seul sur la première ligne. Elle sera alors mise en binôme avec une personne disponible et saura quand.
join-request-decline-before = Pour refuser, répondez avec
join-request-decline-after = sur la première ligne. Ce que vous écrivez après DECLINE sur cette ligne (DECLINE le programme est complet ce semestre) lui sera transmis ; sinon, elle recevra un mot aimable, sans motif.
join-request-only-before = Seule une réponse de { $coordinator } à cet e-mail compte. Le fichier des participants ne change pas :
join-request-only-after = produit la liste avec toutes les personnes acceptées, à recopier dans ce fichier.
