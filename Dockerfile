# syntax=docker/dockerfile:1
# upward in a container: `docker build -t upward .`, then
#   docker run -d --name upward -v upward-state:/var/lib/upward \
#     -v /srv/upward/etc:/etc/upward:ro --env-file /srv/upward/secrets.env upward
# /etc/upward holds program.toml (and participants.csv, templates/); the secrets it names
# with *_env come from the environment. The image ships the example program there, which
# needs no mail server. deploy/compose.yaml adds a local Postfix to try it with.

FROM rust:1.95-bookworm AS build
WORKDIR /src
# The manifest names the test and bench targets, so cargo wants their files too; config/ and
# templates/ are compiled into the binary.
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY templates templates
COPY config config
COPY tests tests
COPY benches benches
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin upward \
    && install -m 0755 -s target/release/upward /usr/local/bin/upward

FROM debian:bookworm-slim
# CA certificates for STARTTLS/TLS to the relay and for IMAPS.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/upward \
        --shell /usr/sbin/nologin upward \
    && install -d -o upward -g upward -m 0700 /var/lib/upward \
    && install -d -m 0755 /etc/upward
COPY --from=build /usr/local/bin/upward /usr/local/bin/upward
COPY config/program.toml config/participants.csv /etc/upward/
USER upward
# The database, outbox, Maildir, lock and generated key: relative state paths land here.
WORKDIR /var/lib/upward
VOLUME ["/var/lib/upward"]
# No systemd in a container, but the same stall detection: a loop stuck in a pass for half
# of this (150 s) is logged and shown stalled, and `upward status` then exits 1.
ENV WATCHDOG_USEC=300000000
# glibc's malloc gives each thread that allocates an arena of its own, up to 8 a core; the
# daemon's short-lived worker threads then leave free memory in many arenas, and its RSS kept
# growing for the whole of a 30-minute soak. Two arenas hold it near its level after the
# first minutes at the same speed (benches/README.md, `soak`). Ignored by other C libraries.
ENV MALLOC_ARENA_MAX=2
HEALTHCHECK --interval=60s --timeout=15s --start-period=60s --retries=3 \
    CMD ["upward", "status", "-c", "/etc/upward/program.toml"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["upward"]
CMD ["run", "-c", "/etc/upward/program.toml", "--log-format", "json"]
