# conclave server image: `docker build -t conclave .`, then
#   docker run -d --name conclave -p 4390:4390 -v conclave-data:/data conclave
# See docs/deploy.md for TLS, backups and upgrades.

# Build stage: the Maven wrapper with a JDK. Dependencies are fetched in their own layer, so a
# source change does not download them again.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE, the shaded jar and nothing else.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 conclave \
    && useradd --system --uid 10001 --gid conclave --home-dir /home/conclave --create-home conclave \
    && mkdir /data && chown conclave:conclave /data
COPY --from=build /src/target/conclave.jar /opt/conclave/conclave.jar
# `conclave` on PATH, so that `docker exec <container> conclave admin backup …` works; exec keeps
# the JVM as the process that receives SIGTERM and drains.
RUN printf '#!/bin/sh\nexec java $JAVA_OPTS -jar /opt/conclave/conclave.jar "$@"\n' > /usr/local/bin/conclave \
    && chmod 0755 /usr/local/bin/conclave
USER conclave
ENV CONCLAVE_DATA_DIR=/data
VOLUME /data
EXPOSE 4390
# The JRE image has no curl: bash's /dev/tcp asks /health and wants a 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/4390 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '^HTTP/1.1 200' <&3"]
ENTRYPOINT ["conclave"]
CMD ["serve", "--bind", "0.0.0.0:4390", "--data-dir", "/data"]
