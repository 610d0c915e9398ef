#!/usr/bin/env bash
# Validates the Kubernetes manifests in deploy/kubernetes against the API schemas (kubernetes-validate,
# strict: unknown fields are errors), for the oldest version they need (1.29: backoffLimitPerIndex and
# podFailurePolicy's FailIndex) and the newest the tool knows. For CI; the test suite checks the fields
# that must agree (RegenerationDeployTests). Installs kubernetes-validate with pip when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v kubernetes-validate >/dev/null; then
    python3 -m pip install --quiet --user kubernetes-validate || python3 -m pip install --quiet kubernetes-validate
    export PATH="$HOME/.local/bin:$PATH"
fi
for version in 1.29.0 ""; do
    kubernetes-validate --strict ${version:+-k "$version"} deploy/kubernetes/*.yaml
done
if command -v systemd-analyze >/dev/null && [ -d /run/systemd/system ]; then
    systemd-analyze verify deploy/systemd/countyreport-regen.timer 2>&1 | grep -v "countyreport-regen.service" || true
fi
echo "deploy manifests valid"
