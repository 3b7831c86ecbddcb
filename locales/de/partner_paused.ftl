partner-paused-subject = { $program }: { $first } macht eine Pause
partner-paused-until = { $first } macht bis { $until } eine Pause von { $program }.
partner-paused-a-while = { $first } macht eine Weile Pause von { $program }.
partner-paused-not-you = Das liegt nicht an Ihnen: Man pausiert aus eigenen Gründen, und diese geben wir nicht weiter.
partner-paused-goes-on = Ihr Tandem bleibt bestehen. Bis { $first } zurück ist, erhalten Sie keine Fragen zu Ihren Treffen; Sie können aber jederzeit an
partner-paused-goes-on-after = schreiben.
partner-paused-rematch = Möchten Sie lieber jetzt ein neues Gegenüber, antworten Sie mit PARTNERWECHSEL allein in der ersten Zeile oder schreiben Sie an { $coordinator }.
