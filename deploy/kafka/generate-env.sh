#!/usr/bin/env bash
# Prints a .env for docker compose with a fresh random password per Kafka principal:
#   deploy/kafka/generate-env.sh > .env && chmod 600 .env
# The passwords become SCRAM users when the broker's storage is first formatted; changing them later
# needs `kafka-configs --alter --add-config 'SCRAM-SHA-512=[password=…]' --entity-type users` (or a fresh volume).
set -euo pipefail
pw() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }
# A KRaft cluster id is 16 random bytes in URL-safe base64 (what kafka-storage.sh random-uuid prints).
cluster_id() { head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }
cat <<ENV
KAFKA_CLUSTER_ID=$(cluster_id)
POSTGRES_PASSWORD=$(pw)
KAFKA_ADMIN_PASSWORD=$(pw)
LOOPS_KAFKA_PASSWORD_INGESTION=$(pw)
LOOPS_KAFKA_PASSWORD_SENTIMENT=$(pw)
LOOPS_KAFKA_PASSWORD_ROUTING=$(pw)
LOOPS_KAFKA_PASSWORD_ROOT_CAUSE=$(pw)
LOOPS_KAFKA_PASSWORD_INTEGRATION=$(pw)
GRAFANA_ADMIN_PASSWORD=$(pw)
ENV
