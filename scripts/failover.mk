# Failover drills against the `make local` cluster (included from the root Makefile). The scheduler's node is
# found through GET /cluster/status (.scheduler.node = host:remoting port), mapped to its HTTP port with the
# bases scripts/local-cluster saved in .local/cluster.env.
# See docs/FAILOVER.md.
LOCAL_NODE = bash -c '. scripts/local-node-env && "$$@"' local-node-env

.PHONY: kill-leader stop-leader cont-leader term-leader restart-node

# SIGKILL the node hosting the scheduler; bring it back with: make restart-node PORT=<its http port>.
kill-leader:
	@$(LOCAL_NODE) signal_leader KILL >/dev/null

# SIGTERM: graceful leave, singleton hand-over, lease released.
term-leader:
	@$(LOCAL_NODE) signal_leader TERM >/dev/null

# SIGSTOP the scheduler's node (a frozen process); the pid is remembered for cont-leader.
stop-leader:
	@$(LOCAL_NODE) signal_leader STOP >.local/stopped-pid

cont-leader:
	@test -s .local/stopped-pid || (echo "no stopped leader (run make stop-leader first)" && exit 2)
	@kill -CONT $$(cat .local/stopped-pid) && echo "SIGCONT -> pid $$(cat .local/stopped-pid)" && rm -f .local/stopped-pid

# Start a killed local node again with the same ports and environment: make restart-node PORT=8081
restart-node:
	@test -n "$(PORT)" || (echo "usage: make restart-node PORT=<http port>" && exit 2)
	@$(LOCAL_NODE) restart_node $(PORT)
