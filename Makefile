# The two commands README.md starts with: `make run` and `make test`. Everything else is a helper.
SWIFT        ?= swift
SWIFT_FLAGS  := -Xswiftc -warnings-as-errors
RELEASE_BIN  := .build/release/pipeline-gateway
DEBUG_BIN    := .build/debug/pipeline-gateway
FUZZ_SECONDS ?= 60

.PHONY: run test build build-tests unit contract sdk-test fuzz fuzz-smoke bench bench-scheduler soak clean

run: build
	$(RELEASE_BIN) serve

build:
	@scripts/install-deps.sh run
	$(SWIFT) build -c release $(SWIFT_FLAGS)

# Build once, then run everything against that build.
test: build-tests unit contract sdk-test fuzz-smoke

build-tests:
	@scripts/install-deps.sh test
	@scripts/python-h2.sh
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)

# Serial: the tests run real servers and deadlines on a 2-core machine; in parallel, tests that block
# a thread (pipes, concurrentPerform) starve the cooperative pool and make deadlines flaky.
# scripts/unit-test.sh repeats every failure at the end of the log.
unit:
	scripts/unit-test.sh

contract:
	scripts/contract-test.sh $(DEBUG_BIN)

# Microsoft's Azure ML SDK v1 (azureml-pipeline-core 1.62.0, in .sdkvenv) against the emulator.
sdk-test:
	scripts/sdk-test.sh $(DEBUG_BIN)

fuzz-smoke:
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

# HTTP throughput against nginx, then the scheduler's figures (bench/README.md).
bench: build
	@scripts/install-deps.sh bench
	scripts/bench.sh $(RELEASE_BIN)
	scripts/scheduler-bench.sh $(RELEASE_BIN)

# Only the scheduler: 100,000 schedules loaded, 1,000 fires/s for 60 s, idle CPU, then 1,000 change-based schedules on
# 100 folders of 10,000 blobs (BENCH_* knobs in bench/README.md; BENCH_PHASES=datastore runs that one alone).
bench-scheduler: build
	@scripts/install-deps.sh bench
	scripts/scheduler-bench.sh $(RELEASE_BIN)

# The reliability storms at full length (make test runs them shortened): kill -9 twenty times while
# 50 schedules fire on a 60x clock, then count every occurrence's submissions.
soak: build-tests
	CRASH_STORM_KILLS=20 scripts/unit-test.sh --filter ScheduleCrashStormTests

clean:
	rm -rf .build .build-fuzz
