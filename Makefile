# HaScheduler: build, test, run a local cluster and drive it over REST.
HASCHEDULER_URL ?= http://127.0.0.1:8080
CURL ?= curl -sS -w '\n'
JSON = -H 'Content-Type: application/json'

.PHONY: build test local run create-schedule create-schedule-cron create-schedule-at get-schedules \
        get-schedule update-schedule delete-schedule runs cluster-status

build:
	dotnet build HaScheduler.sln -c Release -nologo

test:
	scripts/test

# Three nodes + one emulator process on 127.0.0.1; Ctrl-C stops them all.
local:
	scripts/local-cluster

# One node with an in-process emulator (data in memory).
run:
	dotnet run --project src/Node

create-schedule:
	$(CURL) -X POST $(JSON) --data @payloads/create_schedule.json $(HASCHEDULER_URL)/schedules

create-schedule-cron:
	$(CURL) -X POST $(JSON) --data @payloads/create_schedule_cron.json $(HASCHEDULER_URL)/schedules

create-schedule-at:
	$(CURL) -X POST $(JSON) --data @payloads/create_schedule_at.json $(HASCHEDULER_URL)/schedules

get-schedules:
	$(CURL) $(HASCHEDULER_URL)/schedules

get-schedule:
	@test -n "$(ID)" || (echo "usage: make get-schedule ID=<schedule id>" && exit 2)
	$(CURL) $(HASCHEDULER_URL)/schedules/$(ID)

update-schedule:
	@test -n "$(ID)" || (echo "usage: make update-schedule ID=<schedule id>" && exit 2)
	$(CURL) -X PUT $(JSON) --data @payloads/update_schedule.json $(HASCHEDULER_URL)/schedules/$(ID)

delete-schedule:
	@test -n "$(ID)" || (echo "usage: make delete-schedule ID=<schedule id>" && exit 2)
	$(CURL) -X DELETE $(HASCHEDULER_URL)/schedules/$(ID)

runs:
	@test -n "$(ID)" || (echo "usage: make runs ID=<schedule id>" && exit 2)
	$(CURL) "$(HASCHEDULER_URL)/schedules/$(ID)/runs?limit=20"

cluster-status:
	$(CURL) $(HASCHEDULER_URL)/cluster/status

# Fragments owned by their areas: deployment (kind, image), failover drills, the command-line client.
-include deploy/deploy.mk
-include scripts/failover.mk
-include src/Cli/cli.mk
