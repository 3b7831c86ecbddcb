meeting-cancelled-subject = { $program }: Das erste Treffen mit { $first } entfällt
meeting-cancelled-body = Ihr Tandem mit { $first } ist beendet, daher findet das erste Treffen, das wir für { $meeting } vorgeschlagen hatten, nicht statt. Die Kalendereinladung in dieser E-Mail entfernt es aus Ihrem Kalender; Sie müssen sonst nichts tun.
meeting-cancelled-new-partner = Falls Sie ein neues Gegenüber bekommen haben, folgt die Vorstellung in einer eigenen E-Mail.
