# The two commands of the quick start, and the steps they are made of.
#   make demo   set up, build, create var/demo.db with the demo district, serve http://127.0.0.1:8080
#   make test   set up, build the sanitizer build, run every test

JOBS ?= $(shell nproc)
DEMO_DB := var/demo.db
REGIONS := node_modules/idn-area-data/data

.PHONY: demo test setup release debug web web-check serve-demo clean

setup:
	scripts/setup

release: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

debug: setup
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

web: setup
	npm --prefix web run build

demo: release web
	@mkdir -p var
	@if [ ! -f $(DEMO_DB) ]; then \
	  build/release/sinergi regions load --db $(DEMO_DB) --from $(REGIONS) && \
	  build/release/sinergi demo --db $(DEMO_DB); \
	else \
	  build/release/sinergi migrate --db $(DEMO_DB) >/dev/null; \
	  echo "Reusing $(DEMO_DB). Demo logins (username password role):"; \
	  grep -v '^#' var/demo-credentials.txt 2>/dev/null || echo "  (var/demo-credentials.txt is missing; reset one with: build/release/sinergi user passwd --db $(DEMO_DB) --username admin)"; \
	fi
	@echo
	@echo "Sinergi: http://127.0.0.1:8080  (stop with Ctrl+C)"
	build/release/sinergi serve --db $(DEMO_DB) --listen 127.0.0.1:8080 --web web/dist

test: debug web
	ctest --preset debug -j $(JOBS)

clean:
	rm -rf build web/dist
