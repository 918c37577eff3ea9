# conclave server image: `docker build -t conclave .`, then
#   docker run -d --name conclave -p 127.0.0.1:4390:4390 -v conclave-data:/data conclave
# See docs/deploy.md for TLS, backups and upgrades. DockerImageIT builds and runs this file.
#
# The runtime is cut with jlink from Debian 12's OpenJDK 17, the JDK the project is built and
# tested with; rebuilding the image picks up Debian's security updates of it.
ARG BASE_IMAGE=debian:bookworm-slim

# Build stage: the Maven wrapper with a JDK. Dependencies are fetched in their own layer, so a
# source change does not download them again.
FROM ${BASE_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        openjdk-17-jdk-headless binutils ca-certificates curl unzip \
    && rm -rf /var/lib/apt/lists/*
COPY docker/ca-certificates/ /usr/local/share/ca-certificates/
RUN update-ca-certificates
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
# (not go-offline: it trips over a classifier property in a Netty pom that normal resolution skips)
RUN ./mvnw -B -q dependency:resolve dependency:resolve-plugins
COPY src src
RUN ./mvnw -B -q package -DskipTests
# A Java runtime of only the modules the jar uses, plus those loaded as services that jdeps cannot
# see (Ed25519 and TLS key exchange in jdk.crypto.ec, the JVM metrics in jdk.management); the CA
# store it trusts is the one update-ca-certificates made above, extra certificates included
# (binutils: Debian's jlink strips native debug symbols with objcopy).
RUN modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 target/conclave.jar)" \
    && jlink --add-modules "$modules,jdk.crypto.ec,jdk.management" \
        --strip-debug --no-header-files --no-man-pages --compress=2 --output /opt/jre \
    && rm /opt/jre/lib/security/cacerts && cp /etc/ssl/certs/java/cacerts /opt/jre/lib/security/cacerts

# Runtime stage: that runtime, the shaded jar and nothing else.
FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 conclave \
    && useradd --system --uid 10001 --gid conclave --home-dir /home/conclave --create-home \
        --shell /usr/sbin/nologin conclave \
    && mkdir /data && chown conclave:conclave /data && chmod 0700 /data
COPY --from=build /opt/jre /opt/jre
COPY --from=build /src/target/conclave.jar /opt/conclave/conclave.jar
# `conclave` on PATH, so that `docker exec <container> conclave admin backup …` works; exec keeps
# the JVM as the process that receives SIGTERM and drains.
RUN printf '#!/bin/sh\nexec /opt/jre/bin/java $JAVA_OPTS -jar /opt/conclave/conclave.jar "$@"\n' > /usr/local/bin/conclave \
    && chmod 0755 /usr/local/bin/conclave
USER conclave
ENV CONCLAVE_DATA_DIR=/data
VOLUME /data
EXPOSE 4390
# The image has no curl: bash's /dev/tcp asks /health and wants a 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/4390 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '^HTTP/1.1 200' <&3"]
ENTRYPOINT ["conclave"]
CMD ["serve", "--bind", "0.0.0.0:4390", "--data-dir", "/data"]
