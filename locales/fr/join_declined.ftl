join-declined-subject = { $program } : votre demande de participation
join-declined-thanks = Merci d'avoir demandé à rejoindre { $program } et d'avoir pris le temps de remplir le formulaire. Cette fois, nous ne pouvons pas vous ajouter au programme.
join-declined-reason = Les mots de la coordination : { $reason }
join-declined-talk = Cela ne dit rien de vous. Si vous souhaitez en parler, ou que votre demande soit étudiée une autre fois, écrivez à
join-declined-talk-end = .
