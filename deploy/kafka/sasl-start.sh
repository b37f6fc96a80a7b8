#!/usr/bin/env bash
# Starts one KRaft node (combined broker and controller) of the compose file's Kafka cluster with
# SASL/SCRAM-SHA-512 and the StandardAuthorizer: no client gets anything without a SCRAM login and an ACL
# (the `kafka-setup` service creates the ACLs). SCRAM users are written into the metadata log when the
# storage is formatted (first start only), with the passwords from the environment (.env).
# Mounted into the apache/kafka image as its entrypoint.
# Cluster settings (docker-compose.yml sets them per node; the defaults are a single broker):
#   KAFKA_NODE_ID, KAFKA_CONTROLLER_QUORUM_VOTERS (id@host:9093,...), KAFKA_CLUSTER_ID (the same on every
#   node; required with more than one voter), KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS.
set -euo pipefail
umask 077

KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
DATA_DIR=${KAFKA_DATA_DIR:-/var/lib/kafka/data}
CONF_DIR=${KAFKA_CONF_DIR:-/tmp/loops-kafka}
ADVERTISED=${KAFKA_ADVERTISED_HOST:-kafka}:9092
NODE_ID=${KAFKA_NODE_ID:-1}
VOTERS=${KAFKA_CONTROLLER_QUORUM_VOTERS:-1@localhost:9093}
RF=${KAFKA_REPLICATION_FACTOR:-1}
MIN_ISR=${KAFKA_MIN_INSYNC_REPLICAS:-1}
mkdir -p "$CONF_DIR"

require() {
  local name=$1
  if [ -z "${!name:-}" ]; then
    echo "sasl-start: $name is not set (see .env.example)" >&2
    exit 1
  fi
}
for v in KAFKA_ADMIN_PASSWORD LOOPS_KAFKA_PASSWORD_INGESTION LOOPS_KAFKA_PASSWORD_SENTIMENT LOOPS_KAFKA_PASSWORD_ROUTING \
         LOOPS_KAFKA_PASSWORD_ROOT_CAUSE LOOPS_KAFKA_PASSWORD_INTEGRATION; do
  require "$v"
done
if [[ "$VOTERS" == *,* ]]; then
  # Every node of one cluster must be formatted with the same id, or it will not join the quorum.
  require KAFKA_CLUSTER_ID
fi

cat > "$CONF_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=${NODE_ID}
controller.quorum.voters=${VOTERS}
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=SASL_PLAINTEXT://${ADVERTISED}
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}" user_admin="${KAFKA_ADMIN_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=${DATA_DIR}
num.partitions=6
auto.create.topics.enable=false
default.replication.factor=${RF}
min.insync.replicas=${MIN_ISR}
unclean.leader.election.enable=false
offsets.topic.replication.factor=${RF}
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=${RF}
transaction.state.log.min.isr=${MIN_ISR}
group.initial.rebalance.delay.ms=0
PROPS

# For the healthcheck and operators' command-line tools inside the container.
cat > "$CONF_DIR/admin.properties" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPS

if [ ! -f "$DATA_DIR/meta.properties" ]; then
  cluster_id=${KAFKA_CLUSTER_ID:-$("$KAFKA_BIN/kafka-storage.sh" random-uuid | tail -n 1)}
  scram=()
  for pair in "admin:$KAFKA_ADMIN_PASSWORD" "ingestion:$LOOPS_KAFKA_PASSWORD_INGESTION" "sentiment:$LOOPS_KAFKA_PASSWORD_SENTIMENT" \
              "routing:$LOOPS_KAFKA_PASSWORD_ROUTING" "root-cause:$LOOPS_KAFKA_PASSWORD_ROOT_CAUSE" "integration:$LOOPS_KAFKA_PASSWORD_INTEGRATION"; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=${pair%%:*},password=${pair#*:}]")
  done
  "$KAFKA_BIN/kafka-storage.sh" format -t "$cluster_id" -c "$CONF_DIR/server.properties" "${scram[@]}" > /dev/null
  echo "sasl-start: storage formatted with SCRAM users admin, ingestion, sentiment, routing, root-cause, integration"
fi

exec "$KAFKA_BIN/kafka-server-start.sh" "$CONF_DIR/server.properties"
