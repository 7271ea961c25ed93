# hascheduler CLI targets; included from the root Makefile. HASCHEDULER_URL picks the node.
HASCHEDULER_URL ?= http://127.0.0.1:8080
HASCHEDULER_CLI ?= dotnet run --project src/Cli --

.PHONY: cluster-show cluster-leader scheduler-status

cluster-show:
	$(HASCHEDULER_CLI) cluster show --url $(HASCHEDULER_URL)

cluster-leader:
	$(HASCHEDULER_CLI) cluster leader --url $(HASCHEDULER_URL)

scheduler-status:
	$(HASCHEDULER_CLI) scheduler status --url $(HASCHEDULER_URL)
