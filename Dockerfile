# syntax=docker/dockerfile:1
# Build with the official Swift image, run on slim Debian as a non-root user.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libsqlite3-dev libssl-dev libnghttp2-dev libcurl4-openssl-dev libyaml-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift openapi.yaml ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib -Xswiftc -warnings-as-errors \
 && install -D "$(swift build -c release --show-bin-path)/pipeline-gateway" /out/pipeline-gateway

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl libcurl4 libsqlite3-0 libssl3 libnghttp2-14 libyaml-0-2 libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/pipeline-gateway --create-home gateway
COPY --from=build /out/pipeline-gateway /usr/local/bin/pipeline-gateway
USER gateway
WORKDIR /var/lib/pipeline-gateway
# The database and the emulator's blob folders live here: mount a volume to keep them.
VOLUME /var/lib/pipeline-gateway/data
# Reachable from outside the container, so the gateway refuses to start without GATEWAY_API_KEYS
# (or the explicit GATEWAY_INSECURE_NO_AUTH=true behind an authenticating proxy).
ENV GATEWAY_LISTEN=0.0.0.0:8080
EXPOSE 8080
# HTTPS: mount a certificate pair and set GATEWAY_TLS_CERT and GATEWAY_TLS_KEY (SIGHUP reloads it).
# The health check then speaks https (-k: it checks liveness on loopback, not the certificate).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD if [ -n "$GATEWAY_TLS_CERT" ]; then curl -fsSk https://127.0.0.1:8080/healthz; else curl -fsS http://127.0.0.1:8080/healthz; fi || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["pipeline-gateway"]
CMD ["serve"]
