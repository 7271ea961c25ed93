# Container image, kind cluster and MongoDB replica set targets. Included from the root
# Makefile (`include deploy/deploy.mk`); every path is relative to the repository root.
#
#   make image          build hascheduler:dev from deploy/Dockerfile
#   make kind-up        create the kind cluster (deploy/kind/cluster.yaml) unless it exists
#   make up             image + kind-up + load the image + apply deploy/k8s + wait for rollout
#   make down           delete the kind cluster
#   make logs           follow the logs of every HaScheduler pod
#   make kill-pod       delete the pod that hosts the scheduler singleton (KILL_POD_FORCE=1: SIGKILL)
#   make mongo-rs-up    start a 3-member MongoDB replica set with docker compose (for the tests)
#   make mongo-rs-down  stop it and delete its volumes

DEPLOY_IMAGE ?= hascheduler:dev
DEPLOY_KIND_CLUSTER ?= hascheduler
DEPLOY_NAMESPACE ?= hascheduler
DEPLOY_API_URL ?= http://127.0.0.1:8080
DEPLOY_ROLLOUT_TIMEOUT ?= 300s
DEPLOY_COMPOSE ?= docker compose -f deploy/compose/docker-compose.yaml
KILL_POD_FORCE ?=

DEPLOY_KUBECTL = kubectl --context kind-$(DEPLOY_KIND_CLUSTER) --namespace $(DEPLOY_NAMESPACE)

# $(call deploy_require,tool,why): stop with a readable message when a tool is missing.
define deploy_require
command -v $(1) >/dev/null 2>&1 || { \
  echo "deploy: '$(1)' is not installed or not on PATH; $(2)" >&2; exit 1; }
endef

# kubectl is there but the kind cluster (its kubectl context) is not: point at `make up`.
define deploy_require_cluster
$(call deploy_require,kubectl,install kubectl (https://kubernetes.io/docs/tasks/tools/)); \
kubectl config get-contexts kind-$(DEPLOY_KIND_CLUSTER) >/dev/null 2>&1 || { \
  echo "deploy: no kubectl context kind-$(DEPLOY_KIND_CLUSTER); start the cluster with 'make up'" >&2; exit 1; }
endef

# The docker CLI can be present without a daemon to talk to; say so instead of failing later.
define deploy_require_docker
$(call deploy_require,docker,install Docker (https://docs.docker.com/get-docker/)); \
docker info >/dev/null 2>&1 || { \
  echo "deploy: the docker CLI cannot reach a Docker daemon (is Docker running?)" >&2; exit 1; }
endef

.PHONY: image kind-up up down logs kill-pod mongo-rs-up mongo-rs-down

image:
	@$(deploy_require_docker)
	docker build -t $(DEPLOY_IMAGE) -f deploy/Dockerfile .

kind-up:
	@$(deploy_require_docker)
	@$(call deploy_require,kind,install kind (https://kind.sigs.k8s.io/docs/user/quick-start/))
	@if kind get clusters 2>/dev/null | grep -qx '$(DEPLOY_KIND_CLUSTER)'; then \
	  echo "deploy: kind cluster '$(DEPLOY_KIND_CLUSTER)' already exists"; \
	else \
	  kind create cluster --name $(DEPLOY_KIND_CLUSTER) --config deploy/kind/cluster.yaml; \
	fi

# `make up` reloads the same :dev tag every time, which changes nothing in the Deployment's spec:
# when the Deployment already existed, restart it (a rolling update) so the pods run the new image.
up: image kind-up
	@$(call deploy_require,kubectl,install kubectl (https://kubernetes.io/docs/tasks/tools/))
	kind load docker-image $(DEPLOY_IMAGE) --name $(DEPLOY_KIND_CLUSTER)
	@existed=`$(DEPLOY_KUBECTL) get deployment/hascheduler -o name 2>/dev/null`; \
	$(DEPLOY_KUBECTL) apply -k deploy/k8s || exit 1; \
	if [ -n "$$existed" ]; then $(DEPLOY_KUBECTL) rollout restart deployment/hascheduler; fi
	$(DEPLOY_KUBECTL) rollout status statefulset/mongodb --timeout=$(DEPLOY_ROLLOUT_TIMEOUT)
	$(DEPLOY_KUBECTL) wait --for=condition=complete job/mongodb-rs-init --timeout=$(DEPLOY_ROLLOUT_TIMEOUT)
	$(DEPLOY_KUBECTL) rollout status deployment/hascheduler --timeout=$(DEPLOY_ROLLOUT_TIMEOUT)
	@echo "deploy: HaScheduler is up on $(DEPLOY_API_URL)"

down:
	@$(call deploy_require,kind,install kind (https://kind.sigs.k8s.io/docs/user/quick-start/))
	kind delete cluster --name $(DEPLOY_KIND_CLUSTER)

logs:
	@$(deploy_require_cluster)
	$(DEPLOY_KUBECTL) logs --selector app=hascheduler --prefix --tail=100 --follow --max-log-requests=10

# The scheduler's node comes from GET /cluster/status (scheduler.node = pod IP:4053). The pod is
# found by IP with jsonpath rather than `get pods -o wide`, whose RESTARTS column can hold spaces.
kill-pod:
	@$(deploy_require_cluster)
	@$(call deploy_require,curl,install curl)
	@status=`curl -fsS $(DEPLOY_API_URL)/cluster/status` || { \
	  echo "deploy: GET $(DEPLOY_API_URL)/cluster/status failed (is the cluster up?)" >&2; exit 1; }; \
	if command -v jq >/dev/null 2>&1; then \
	  node=`printf '%s' "$$status" | jq -r '.scheduler.node // empty'`; \
	else \
	  node=`printf '%s' "$$status" | tr -d '\n' \
	    | sed -n 's/.*"scheduler"[^}]*"node"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'`; \
	fi; \
	[ -n "$$node" ] || { echo "deploy: no scheduler.node in /cluster/status: $$status" >&2; exit 1; }; \
	ip=$${node%:*}; \
	pod=`$(DEPLOY_KUBECTL) get pods --selector app=hascheduler \
	  -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.podIP}{"\n"}{end}' \
	  | awk -v ip="$$ip" '$$2 == ip { print $$1 }'`; \
	[ -n "$$pod" ] || { echo "deploy: no hascheduler pod has IP $$ip (scheduler.node=$$node)" >&2; exit 1; }; \
	echo "deploy: scheduler runs on $$node: deleting pod $$pod"; \
	if [ -n "$(KILL_POD_FORCE)" ]; then \
	  $(DEPLOY_KUBECTL) delete pod "$$pod" --grace-period=0 --force; \
	else \
	  $(DEPLOY_KUBECTL) delete pod "$$pod" --wait=false; \
	fi

mongo-rs-up:
	@$(deploy_require_docker)
	$(DEPLOY_COMPOSE) up --detach --wait mongo1 mongo2 mongo3
	$(DEPLOY_COMPOSE) run --rm mongo-init
	@echo "deploy: export HASCHEDULER_TEST_MONGO_URI='mongodb://localhost:27017,localhost:27018,localhost:27019/?replicaSet=rs0'"

mongo-rs-down:
	@$(deploy_require_docker)
	$(DEPLOY_COMPOSE) down --volumes
