#!/usr/bin/env bash
# A throw-away Postfix (SMTP relay) and Dovecot (IMAP) on loopback, all state in one
# directory, for upward's end-to-end tests. Nothing leaves the machine.
#
#   mailstack.sh install            install the Debian packages if missing (root)
#   mailstack.sh start DIR          configure and start both; writes DIR/env and DIR/pids
#   mailstack.sh stop DIR           stop what start started, by PID
#
# Ports (override with env): SMTP_PORT=2525 (plain, no auth, loopback only),
# SUBMISSION_PORT=2587 (STARTTLS required, AUTH after TLS), SMTPS_PORT=2465 (implicit TLS,
# AUTH optional from loopback), IMAP_PORT=2143, IMAPS_PORT=2993.
# Domain acme.test: user@acme.test and user+ext@acme.test go to DIR/mail/user/ (Maildir)
# for the users in MAIL_USERS; any other @acme.test address to DIR/mail/catchall/; every
# other domain to DIR/mail/outbound/. IMAP logins: each user, password "secret".
# TLS: clients trust DIR/tls/ca.pem (a throw-away CA that signed the servers' certificate).
set -euo pipefail

SMTP_PORT=${SMTP_PORT:-2525}
SUBMISSION_PORT=${SUBMISSION_PORT:-2587}
SMTPS_PORT=${SMTPS_PORT:-2465}
IMAP_PORT=${IMAP_PORT:-2143}
IMAPS_PORT=${IMAPS_PORT:-2993}
MAIL_USERS=${MAIL_USERS:-"mentoring alice bob"}
DOMAIN=acme.test

die() { echo "mailstack: $*" >&2; exit 1; }

install() {
  local missing=()
  for bin in /usr/sbin/postfix /usr/sbin/dovecot /usr/bin/swaks /usr/bin/openssl; do
    [ -x "$bin" ] || missing+=("$bin")
  done
  [ -e /usr/share/perl5/Net/SSLeay.pm ] || [ -e /usr/lib/x86_64-linux-gnu/perl5/5.36/Net/SSLeay.pm ] \
    || dpkg -s libnet-ssleay-perl >/dev/null 2>&1 || missing+=(libnet-ssleay-perl)
  [ ${#missing[@]} -eq 0 ] && return 0
  export DEBIAN_FRONTEND=noninteractive
  if ! dpkg -s postfix >/dev/null 2>&1; then
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  fi
  local created_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    # keep the packages' own services from starting system-wide during the install
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local pkgs=(postfix dovecot-core dovecot-imapd swaks openssl libnet-ssleay-perl)
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${pkgs[@]}" >/dev/null \
    || { apt-get update -qq -o DPkg::Lock::Timeout=300 \
         && apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${pkgs[@]}" >/dev/null; }
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  for p in "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT" "$IMAP_PORT" "$IMAPS_PORT"; do
    port_free "$p" || die "port $p is already in use; set SMTP_PORT/SUBMISSION_PORT/SMTPS_PORT/IMAP_PORT/IMAPS_PORT"
  done
  chmod 755 "$dir"
  mkdir -p "$dir"/{postfix-conf,postfix-queue,postfix-data,dovecot-run,dovecot-state,tls,mail,log}

  # TLS: a throw-away CA (tls/ca.pem, what clients trust) and a server certificate it signs
  # (tls/cert.pem), valid for mail.acme.test, localhost and 127.0.0.1. A CA certificate used
  # directly as the server's is refused by strict verifiers (rustls: CaUsedAsEndEntity).
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=upward test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/tls/ca-key.pem" -out "$dir/tls/ca.pem" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=mail.$DOMAIN" \
    -keyout "$dir/tls/key.pem" -out "$dir/tls/server.csr" >/dev/null 2>&1
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=DNS:mail.$DOMAIN,DNS:localhost,IP:127.0.0.1" \
    > "$dir/tls/server.ext"
  openssl x509 -req -in "$dir/tls/server.csr" -CA "$dir/tls/ca.pem" -CAkey "$dir/tls/ca-key.pem" \
    -CAcreateserial -days 30 -extfile "$dir/tls/server.ext" -out "$dir/tls/cert.pem" >/dev/null 2>&1
  chmod 644 "$dir/tls/cert.pem" "$dir/tls/ca.pem"; chmod 640 "$dir/tls/key.pem" "$dir/tls/ca-key.pem"

  # Maildirs, owned by Debian's mail user (uid/gid 8) as virtual(8) and Dovecot use it.
  local users="$MAIL_USERS catchall outbound"
  : > "$dir/postfix-conf/vmailbox"
  : > "$dir/users"
  for u in $users; do
    mkdir -p "$dir/mail/$u"/{new,cur,tmp}
    echo "$u@$DOMAIN $u/" >> "$dir/postfix-conf/vmailbox"
    echo "$u:{PLAIN}secret::::::" >> "$dir/users"
  done
  echo "@$DOMAIN catchall/" >> "$dir/postfix-conf/vmailbox"
  printf '%s\n' "!/@acme\\.test\$/ outbound/" > "$dir/postfix-conf/vmailbox-outbound"
  chown -R 8:8 "$dir/mail"
  chown postfix:postfix "$dir/postfix-data"
  chown root:dovecot "$dir/users"; chmod 640 "$dir/users"

  cat > "$dir/postfix-conf/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $dir/postfix-queue
data_directory = $dir/postfix-data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = $DOMAIN
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
disable_dns_lookups = yes
recipient_delimiter = +
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = texthash:$dir/postfix-conf/vmailbox, regexp:$dir/postfix-conf/vmailbox-outbound
virtual_uid_maps = static:8
virtual_gid_maps = static:8
virtual_minimum_uid = 1
default_transport = virtual
relay_transport = virtual
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = $dir/tls/cert.pem
smtpd_tls_key_file = $dir/tls/key.pem
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/dovecot-run/postfix-auth
maillog_file = $dir/log/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $dir
minimal_backoff_time = 5s
maximal_backoff_time = 10s
queue_run_delay = 5s
biff = no
CF
  cat > "$dir/postfix-conf/master.cf" <<CF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
virtual   unix  - n n - - virtual
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CF

  cat > "$dir/dovecot.conf" <<CF
instance_name = upward-mailstack-$$
base_dir = $dir/dovecot-run
state_dir = $dir/dovecot-state
log_path = $dir/log/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/tls/cert.pem
ssl_key = <$dir/tls/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:$dir/mail/%n
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $dir/users
}
userdb {
  driver = static
  args = uid=8 gid=8 home=$dir/mail/%n
}
service imap-login {
  inet_listener imap {
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = $IMAPS_PORT
    ssl = yes
  }
}
service auth {
  unix_listener postfix-auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
CF

  /usr/sbin/dovecot -c "$dir/dovecot.conf" > "$dir/log/dovecot-start.log" 2>&1 \
    || die "dovecot did not start: $(cat "$dir/log/dovecot-start.log")"
  # A start that fails with nothing said (seen once in a busy full test run) is tried once
  # more; a second failure says what Postfix logged.
  postfix_start() {
    /usr/sbin/postfix -c "$dir/postfix-conf" start > "$dir/log/postfix-start.log" 2>&1
  }
  postfix_start || {
    sleep 1
    /usr/sbin/postfix -c "$dir/postfix-conf" stop > /dev/null 2>&1 || true
    postfix_start
  } || die "postfix did not start: $(cat "$dir/log/postfix-start.log") $(tail -n 20 "$dir/log/postfix.log" 2>/dev/null)"
  for p in "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT" "$IMAP_PORT" "$IMAPS_PORT"; do
    wait_port "$p" || die "nothing listens on port $p; see $dir/log/"
  done
  {
    echo "postfix_master=$(head -1 "$dir/postfix-queue/pid/master.pid" | tr -d ' ')"
    echo "dovecot_master=$(cat "$dir/dovecot-run/master.pid")"
  } > "$dir/pids"
  cat > "$dir/env" <<ENV
MAILSTACK_DIR=$dir
SMTP_HOST=127.0.0.1
SMTP_PORT=$SMTP_PORT
SUBMISSION_PORT=$SUBMISSION_PORT
SMTPS_PORT=$SMTPS_PORT
IMAP_PORT=$IMAP_PORT
IMAPS_PORT=$IMAPS_PORT
CA_FILE=$dir/tls/ca.pem
MAILDIR_ROOT=$dir/mail
DOMAIN=$DOMAIN
ENV
  echo "mailstack: started in $dir (smtp $SMTP_PORT, submission $SUBMISSION_PORT, smtps $SMTPS_PORT, imap $IMAP_PORT, imaps $IMAPS_PORT)"
}

stop() {
  local dir=$1
  [ -f "$dir/pids" ] || { echo "mailstack: nothing started in $dir"; return 0; }
  /usr/sbin/postfix -c "$dir/postfix-conf" stop >/dev/null 2>&1 || true
  # shellcheck disable=SC1091
  . "$dir/pids"
  for pid in "${dovecot_master:-}" "${postfix_master:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 100); do
    local alive=""
    for pid in "${dovecot_master:-}" "${postfix_master:-}"; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1
    done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  rm -f "$dir/pids"
  echo "mailstack: stopped $dir"
}

case "${1:-}" in
  install) install ;;
  start) [ -n "${2:-}" ] || die "usage: mailstack.sh start DIR"; install; start "$2" ;;
  stop) [ -n "${2:-}" ] || die "usage: mailstack.sh stop DIR"; stop "$2" ;;
  *) die "usage: mailstack.sh install | start DIR | stop DIR" ;;
esac
